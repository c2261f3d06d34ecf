from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from followthrough.config.settings import load_settings, settings_from_dict
from followthrough.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def minimal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "user": {"email": "me@example.org", "timezone": "Europe/Berlin"},
        "local": {"sent": "Sent", "inbox": "Inbox", "drafts": "Drafts"},
    }
    data.update(extra)
    return data


def test_example_config_loads_and_documents_every_key(tmp_path: Path) -> None:
    example = ROOT / "config.example.toml"
    text = example.read_text()
    # every key of the example is commented right above it
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#") and not line.startswith("["):
            assert lines[i - 1].startswith("#"), f"undocumented key: {line}"
    data = tomllib.loads(text)
    data["templates"] = {"dir": ""}
    settings = settings_from_dict(example, data)
    assert settings.user.email == "you@example.org"
    assert settings.policy.nudge_max == 2
    assert settings.local is not None
    assert settings.local.sent.name == ".Sent"


def test_every_settings_field_is_in_the_example() -> None:
    from dataclasses import fields

    from followthrough.config.behaviour import DetectSettings, PolicySettings

    data = tomllib.loads((ROOT / "config.example.toml").read_text())
    assert {f.name for f in fields(DetectSettings)} <= set(data["detect"])
    assert {f.name for f in fields(PolicySettings)} <= set(data["policy"])


def test_the_example_is_written_from_the_schema() -> None:
    """config.example.toml is the schema's own rendering: no key, default or help text
    in it can drift from the code."""
    from followthrough.config.example import render_example

    example = (ROOT / "config.example.toml").read_text()
    assert example == render_example(), (
        "config.example.toml is out of date: run "
        "`python -m followthrough.config.example > config.example.toml`"
    )


def _uncommented(text: str) -> str:
    """The example with its commented-out tables and keys turned on."""
    out = []
    for line in text.splitlines():
        body = line[2:] if line.startswith("# ") else None
        if body is not None and re.fullmatch(r"\[[a-z_.]+\]|[a-z_]+ = .*", body):
            line = body
        out.append(line)
    return "\n".join(out) + "\n"


def _keys(data: dict[str, object], where: str = "") -> set[str]:
    found = set()
    for name, value in data.items():
        path = f"{where}.{name}" if where else name
        found |= _keys(value, path) if isinstance(value, dict) else {path}
    return found


def _schema_keys(cls: type, where: str = "") -> set[str]:
    from dataclasses import fields, is_dataclass
    from typing import get_type_hints

    from followthrough.config.reader import unwrap_optional

    found = set()
    hints = get_type_hints(cls)
    for f in fields(cls):
        inner, _ = unwrap_optional(hints[f.name])
        path = f"{where}.{f.name}" if where else f.name
        found |= _schema_keys(inner, path) if is_dataclass(inner) else {path}
    return found


@pytest.mark.parametrize("backend", ["local", "imap", "microsoft", "exchange"])
def test_every_key_of_the_example_loads_with_the_right_type(tmp_path: Path, backend: str) -> None:
    """Every key the schema has is in the example, commented out or not, and the example
    with everything turned on loads for each backend: its values have the right types."""
    from followthrough.config.settings import ConfigFile

    data = tomllib.loads(_uncommented((ROOT / "config.example.toml").read_text()))
    assert _keys(data) == _schema_keys(ConfigFile)
    data["templates"] = {"dir": ""}
    data["account"]["backend"] = backend
    del data["account"]["sendmail"]  # [account.smtp] or [account.sendmail], not both
    for name in ("smtp", "imap", "caldav"):
        del data["account"][name]["ca_file"]  # "" is the default; a real one must exist
    s = settings_from_dict(tmp_path / "config.toml", data)
    assert s.backend == backend
    assert (s.local is not None) == (backend == "local")
    assert (s.microsoft is not None) == (backend == "microsoft")
    assert (s.exchange is not None) == (backend == "exchange")
    assert s.imap is not None and s.imap.flag_keyword == "$Ask" and s.imap.port == 993
    assert s.smtp is not None and s.smtp.auth
    assert s.caldav is not None and s.caldav.calendar == "Work"
    if s.exchange is not None:
        assert s.exchange.ews_url == "https://mail.example.org/EWS/Exchange.asmx"
        assert s.exchange.username == "you@example.org"


def test_relative_paths_are_read_from_the_config_directory(tmp_path: Path) -> None:
    s = settings_from_dict(tmp_path / "c.toml", minimal())
    assert s.local is not None
    assert s.local.sent == tmp_path / "Sent"
    assert s.timezone.key == "Europe/Berlin"


def test_all_problems_reported_at_once_with_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
[user]
email = "not-an-address"
timezone = "Mars/Olympus"
[detect]
trak_threshold = 0.5
lookback_days = -3
[policy]
workdays = ["mon", "funday"]
draft_time = "25:99"
[local]
sent = "S"
"""
    )
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    text = str(info.value)
    assert str(path) in text
    for needle in (
        "[user].email: expected an email address",
        "[user].timezone",
        "[detect].trak_threshold: unknown key",
        "[detect].lookback_days: expected a number > 0",
        "[policy].workdays",
        "[policy].draft_time",
        "[local].inbox: required",
        "[local].drafts: required",
    ):
        assert needle in text, needle


def test_wrong_type_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_dict(tmp_path / "c.toml", minimal(detect={"requests": "yes"}))
    assert "[detect].requests: expected bool, got 'yes'" in str(info.value)


def test_unknown_top_level_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        settings_from_dict(tmp_path / "c.toml", minimal(polcy={}))
    assert "polcy: unknown key" in str(info.value)


def test_missing_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no config file"):
        load_settings(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[user\nemail=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_the_users_voice_defaults_to_the_first_name(tmp_path: Path) -> None:
    data = minimal()
    data["user"] = {"email": "me@example.org", "name": "Pat Example", "timezone": "UTC"}
    voice = settings_from_dict(tmp_path / "c.toml", data).voice
    assert (voice.signoff, voice.signature, voice.locale, voice.tone) == ("Pat", "", "", "warm")
    data["user"] = {
        "email": "me@example.org",
        "name": "Patricia Example",
        "signoff": "Trish",
        "signature": "Patricia Example\nExample Ltd",
        "locale": "en_GB",
    }
    data["templates"] = {"tone": "brief"}
    voice = settings_from_dict(tmp_path / "c.toml", data).voice
    assert (voice.signoff, voice.locale, voice.tone) == ("Trish", "en_GB", "brief")
    assert voice.signature == "Patricia Example\nExample Ltd"


def test_voice_mistakes_name_the_key(tmp_path: Path) -> None:
    data = minimal(templates={"tone": "loud"}, policy={"undated_nudge_days": 0})
    data["user"] = {"email": "me@example.org", "locale": "english", "signoff": "a\nb"}
    with pytest.raises(ConfigError) as err:
        settings_from_dict(tmp_path / "c.toml", data)
    text = "\n".join(err.value.problems)
    assert "[templates].tone" in text and "warm, brief" in text
    assert "[user].locale: expected a locale like en_US" in text
    assert "[user].signoff" in text
    assert "[policy].undated_nudge_days" in text


def test_microsoft_backend_reads_its_table(tmp_path: Path) -> None:
    data = minimal(
        account={"backend": "microsoft"},
        microsoft={"client_id": "1B2C3D4E-0000-4000-8000-123456789ABC", "tenant": "contoso.com"},
    )
    s = settings_from_dict(tmp_path / "c.toml", data)
    assert s.backend == "microsoft" and s.microsoft is not None
    assert s.microsoft.email == "me@example.org"  # [user].email
    assert s.microsoft.client_id == "1b2c3d4e-0000-4000-8000-123456789abc"
    assert (s.microsoft.tenant, s.microsoft.login, s.microsoft.max_wait) == (
        "contoso.com",
        "device-code",
        120,
    )


def test_microsoft_backend_problems_name_the_key(tmp_path: Path) -> None:
    data = minimal(
        account={"backend": "microsoft"},
        microsoft={"tenant": "contoso com", "login": "password", "scopes": "Mail.Send"},
    )
    with pytest.raises(ConfigError) as info:
        settings_from_dict(tmp_path / "c.toml", data)
    text = str(info.value)
    for needle in (
        "[microsoft].client_id: required",
        "[microsoft].tenant: expected a tenant id",
        "[microsoft].login: expected one of: device-code, interactive",
        "[microsoft].scopes: unknown key",
    ):
        assert needle in text, needle


def test_a_wrong_table_or_type_is_named_and_the_rest_still_checked(tmp_path: Path) -> None:
    data = minimal(
        detect="strict",
        policy={"nudge_max": 1.5, "workdays": "weekdays", "holidays": "XX"},
        account={"backend": "imap", "imap": ["mail.example.org"]},
        relations={"keep_in_touch": 6},
    )
    with pytest.raises(ConfigError) as info:
        settings_from_dict(tmp_path / "c.toml", data)
    problems = info.value.problems
    assert "[detect]: expected a table, got str" in problems
    assert "[account.imap]: expected a table, got list" in problems
    assert "[policy].nudge_max: expected int, got 1.5" in problems
    assert any(p.startswith("[policy].workdays: expected a list of day names") for p in problems)
    assert any(p.startswith("[policy].holidays: unknown country code 'XX'") for p in problems)
    assert (
        '[relations].keep_in_touch: expected a cadence like "6w", "30d", "3m" or "" (off), got 6'
        in problems
    )
    assert len(problems) == 6, problems


def test_defaults_that_depend_on_another_key(tmp_path: Path) -> None:
    account = {
        "backend": "imap",
        "imap": {"host": "127.0.0.1", "username": "me", "tls": "none"},
        "smtp": {"host": "127.0.0.1", "tls": "none"},
    }
    s = settings_from_dict(tmp_path / "c.toml", minimal(account=account))
    assert s.imap is not None and s.imap.port == 143
    # a relay on this machine given without a username: no login, port 25
    assert s.smtp is not None and (s.smtp.auth, s.smtp.port, s.smtp.username) == (False, 25, "")
    account["smtp"] = {"host": "smtp.example.org", "tls": "starttls", "port": 2525}
    with pytest.raises(ConfigError) as info:
        settings_from_dict(tmp_path / "c.toml", minimal(account=account))
    assert info.value.problems == [
        "[account.smtp].username: required (the login name, often your address); "
        "or auth = false for a relay that takes mail without a login"
    ]


def test_values_are_normalised_as_written_once(tmp_path: Path) -> None:
    data = minimal(
        detect={"tag": " #Ask "},
        policy={"workdays": ["Monday", "tue", "sun"], "holidays": " de ", "draft_time": "08:30"},
        relations={"keep_in_touch": "6w", "checkin_tag": "#1on1"},
        daemon={"interval_minutes": 5},
    )
    data["user"] = {"email": "Me@Example.org", "locale": "en-GB", "timezone": "UTC"}
    s = settings_from_dict(tmp_path / "c.toml", data)
    assert s.user.email == "me@example.org" and s.voice.locale == "en_GB"
    assert s.detect.tag == "ask" and s.relations.checkin_tag == "1on1"
    assert s.policy.workdays == (0, 1, 6) and s.policy.holidays == "DE"
    assert s.relations.keep_in_touch == 42
    assert s.daemon.interval_minutes == 5.0 and isinstance(s.daemon.interval_minutes, float)
    assert s.policy.draft_time.hour == 8 and s.policy.draft_time.minute == 30
