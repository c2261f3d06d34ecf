"""User templates run in Jinja's sandbox: one that reaches for Python internals fails
with a TemplateError naming its file and line, and the pass still drafts the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from followthrough.engine.compose import Composer
from followthrough.errors import TemplateError
from integration import scenario as sc

ATTACKS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__dict__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ helper_name.__class__.__base__.__subclasses__() }}",
    "{{ '{0.__class__.__mro__}'.format(helper_name) }}",
    "{{ helper_name.format_map.__self__.__class__ }}",
    "{{ range.__self__ }}",
    "{{ 1 // 0 }}",
    "{{ what + 1 }}",
    "{{ no_such_variable }}",
]
CONTEXT = {"what": "review the Q3 deck", "helper_name": "Bob", "subject": "Q3 deck"}


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_template_reaching_for_internals_is_stopped_with_file_and_line(
    tmp_path: Path, attack: str
) -> None:
    (tmp_path / "nudge.txt.j2").write_text(
        "{% block subject %}Ping{% endblock %}\n{% block body %}\nHi {{ helper_name }},\n\n"
        f"{attack}\n{{% endblock %}}\n"
    )
    with pytest.raises(TemplateError) as caught:
        Composer(tmp_path).render("nudge.txt.j2", CONTEXT)
    message = str(caught.value)
    assert f"{tmp_path / 'nudge.txt.j2'}, line 5" in message, message
    assert "uid=" not in message and "<module 'os'" not in message


def test_a_broken_template_never_stops_the_pass_for_other_asks(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "nudge.txt.j2").write_text(
        "{% block subject %}Ping{% endblock %}\n{% block body %}\n"
        "{{ cycler.__init__.__globals__ }}\n{% endblock %}\n"
    )
    ws = sc.LocalWorkspace(tmp_path, f'\n[templates]\ndir = "{templates}"\n')
    ws.deliver(ws.sent, [m for m in sc.sent_at_start() if m.key in ("a1", "a2")])
    ws.cli("scan", now=sc.T1)
    out = ws.cli("scan", now=sc.T3)  # a1's nudge (broken template), a2's check-in (fine)
    summary = out.splitlines()[0]
    assert "1 drafts written" in summary and "1 errors" in summary, out
    errors = [line for line in out.splitlines() if line.startswith("  error: ")]
    assert len(errors) == 1 and f"{templates / 'nudge.txt.j2'}, line 3" in errors[0], errors
    assert "unsafe" in errors[0]
    drafted = {fid.rsplit("-", 1)[1] for fid in ws.draft_files()}
    assert drafted == {"checkin"}
    # the broken step is not lost: fixed, the next pass drafts it
    (templates / "nudge.txt.j2").unlink()
    out = ws.cli("scan", now=sc.T3)
    assert "1 drafts written" in out.splitlines()[0], out
    assert {fid.rsplit("-", 1)[1] for fid in ws.draft_files()} == {"checkin", "nudge"}
