from __future__ import annotations

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

    from followthrough.config.settings import DetectSettings, PolicySettings

    data = tomllib.loads((ROOT / "config.example.toml").read_text())
    assert {f.name for f in fields(DetectSettings)} <= set(data["detect"])
    assert {f.name for f in fields(PolicySettings)} <= set(data["policy"])


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
