"""Render follow-up drafts from Jinja templates, in a sandbox, into safe RFC 5322 messages.

Subject and body come from one template (blocks ``subject`` and ``body``). User
templates in ``[templates].dir`` override the shipped ones by file name. Headers are
built only from validated addresses and sanitised single-line text: nothing read from
mail can add a header or a recipient. Only this module imports jinja2.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import decode_header
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followthrough.detect import rx
from followthrough.errors import TemplateError
from followthrough.model import Address

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

ASK_HEADER = "X-Followthrough-Ask"
FOLLOWUP_HEADER = "X-Followthrough-Followup"

# Anything that could end a header line or hide one: C0/C1 controls, DEL, and the
# Unicode line and paragraph separators.
# Bidirectional controls (U+202E shows "gpj.exe" as "exe.jpg") go too.
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+"
)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


# Reply prefixes mail clients put before a subject, in the languages they ship in:
# English/Latin "Re", "RE", "R"; German "AW"; Scandinavian "SV"/"VS"; Dutch "Antw";
# French "Réf"/"RE"; Polish "Odp"; Finnish "Vs"; Czech/Slovak "Odp"; Turkish "YNT";
# Greek "ΑΠ"/"ΣΧΕΤ"; Chinese "回复"/"回覆"/"答复"; Japanese "返信"; Hebrew "השב"; Latvian
# "Atb"; Hungarian "Vá"; Icelandic "Svar"; Welsh "Ateb"; Indonesian "Bls"; Portuguese
# "RES"; Italian "R"/"RIF". A counter ("Re[2]:", "Re^3:") or a "*" may follow.
_REPLY_WORDS = (
    "re|aw|sv|vs|antw|antwort|réf|ref|odp|ynt|απ|σχετ|回复|回覆|答复|返信|השב|atb|vá|va|"
    "svar|ateb|bls|res|rif|r|odg|vast"
)
# Forward prefixes: kept (a reply to a forward says so), but never doubled.
_FORWARD_WORDS = "fwd|fw|wg|tr|rv|vb|doorst|enc|i|pd|fs|转发|轉寄|転送|הועבר|προώθ"
_PREFIX = re.compile(
    rf"\s*(?:(?P<reply>{_REPLY_WORDS})|(?P<fwd>{_FORWARD_WORDS}))"
    r"\s*(?:\[\d+\]|\^\d+|\(\d+\)|\*)?\s*[:：]\s*",
    re.I,
)
_LIST_TAG = re.compile(r"\s*(\[[^\[\]]{1,40}\])\s*")


def strip_subject_prefixes(subject: str) -> tuple[str, bool, list[str]]:
    """(the subject without its leading reply/forward prefixes and list tags, whether
    any of them was a reply prefix, the forward prefixes and list tags in order)."""
    rest = " ".join(subject.split())
    replied = False
    kept: list[str] = []
    while True:
        m = _PREFIX.match(rest)
        if m is not None and m.end() < len(rest):
            if m.group("reply"):
                replied = True
            else:
                fwd = "Fwd:" if m.group("fwd").lower() in ("fwd", "fw") else m.group(0).strip()
                if fwd.lower() not in (k.lower() for k in kept):
                    kept.append(fwd)
            rest = rest[m.end() :]
            continue
        t = _LIST_TAG.match(rest)
        if t is not None and t.end() < len(rest):
            if t.group(1).lower() not in (k.lower() for k in kept):
                kept.append(t.group(1))
            rest = rest[t.end() :]
            continue
        return rest, replied, kept


def reply_subject(subject: str) -> str:
    """The subject of a reply in a thread: exactly one "Re: " whatever prefixes, in
    whatever language, the thread's subject carried ("Re: AW: SV: x" -> "Re: x");
    forward prefixes and list tags are kept once. An empty subject stays empty."""
    rest, _, kept = strip_subject_prefixes(subject)
    if not rest:
        return ""
    return " ".join(["Re:", *kept, rest])


def normalize_subject(subject: str) -> str:
    """A rendered subject with its leading reply prefixes collapsed to one "Re: " (a
    template's "Re: {{ subject }}" over a subject that already had "AW: Re:"); a subject
    with no reply prefix (a fresh mail) gets none."""
    rest, replied, kept = strip_subject_prefixes(subject)
    if not replied:
        return " ".join([*kept, rest]) if rest else " ".join(subject.split())
    return " ".join(["Re:", *kept, rest])


@lru_cache(maxsize=4096)
def thread_key(subject: str) -> str:
    """A subject as a thread key: no prefixes or list tags, case and spaces folded
    (a list adds its tag to the reply, not to the user's own copy). Cached: a scan keys
    the open asks' subjects again each time it rebuilds its subject index."""
    return strip_subject_prefixes(subject)[0].lower()


def shipped_templates_dir() -> Path:
    """The templates that ship with followthrough (inside the wheel, or the checkout)."""
    packaged = resources.files("followthrough") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise TemplateError("the shipped templates are missing from this installation")


def clean_line(text: str, limit: int = 200) -> str:
    """One safe header line: no control characters or line separators, folded spaces.

    RFC 2047 encoded words are decoded first (again and again, for words nested inside
    words), then cleaned, and any ``=?`` left is broken up: the email package decodes
    encoded words when a header is set, so one surviving into a value would bring back
    whatever it hides (a CR LF and a ``Bcc:`` line, CVE-2024-6923)."""
    for _ in range(_MAX_NESTING):
        if "=?" not in text:
            break
        decoded = _decode_words(text)
        if decoded == text:
            break
        text = decoded
    text = _UNSAFE.sub(" ", text)
    text = text.replace("=?", "= ?")
    text = " ".join(text.split())
    return text[:limit]


_MAX_NESTING = 4


def _decode_words(text: str) -> str:
    """``text`` with its encoded words decoded; unknown charsets and bad bytes replaced."""
    try:
        parts = decode_header(text)
    except Exception:  # malformed encoded words: their text stays, "=?" is broken up
        return text
    out: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        if charset is None:  # the text between encoded words, as decode_header keeps it
            out.append(chunk.decode("raw-unicode-escape", errors="replace"))
            continue
        try:
            out.append(chunk.decode(charset, errors="replace"))
        except LookupError:
            out.append(chunk.decode("utf-8", errors="replace"))
    return "".join(out)


def checked_address(addr: Address) -> HeaderAddress:
    """A header address built only from a validated email; raises TemplateError if not."""
    email = addr.email.strip()
    if not _EMAIL.match(email) or len(email) > 254:
        raise TemplateError(f"refusing to address a draft to an invalid address: {email!r}")
    local, _, domain = email.rpartition("@")
    return HeaderAddress(display_name=clean_line(addr.name, 80), username=local, domain=domain)


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    body: str
    template: str  # which file rendered it


class Composer:
    """A sandboxed Jinja environment over the user's templates, then the shipped ones."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self._dirs = [str(user_dir)] if user_dir is not None else []
        self._dirs.append(str(shipped_templates_dir()))
        self._env: SandboxedEnvironment | None = None

    @property
    def env(self) -> SandboxedEnvironment:
        """The Jinja environment, built (and jinja2 imported) on first use: most passes
        render nothing, and importing jinja2 costs more than an unchanged pass."""
        if self._env is None:
            import jinja2
            from jinja2.sandbox import SandboxedEnvironment

            self._env = SandboxedEnvironment(
                loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in self._dirs]),
                undefined=jinja2.StrictUndefined,
                autoescape=False,  # plain-text mail
                keep_trailing_newline=True,
            )
            self._env.filters["reply_subject"] = reply_subject
        return self._env

    def render(self, name: str, context: Mapping[str, Any]) -> Rendered:
        """Render template ``name`` (e.g. "nudge.txt.j2") into a subject line and a body."""
        env = self.env
        import jinja2

        try:
            template = env.get_template(name)
            ctx = template.new_context(dict(context))
            blocks = template.blocks
            if "subject" not in blocks or "body" not in blocks:
                raise TemplateError(
                    f"{template.filename or name}: a follow-up template needs "
                    "{% block subject %} and {% block body %}"
                )
            subject = "".join(blocks["subject"](ctx))
            body = "".join(blocks["body"](ctx))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"{exc.filename or name}, line {exc.lineno}: template syntax error: {exc.message}"
            ) from None
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"no template named {name!r} in the templates directories"
            ) from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(
                f"{_where(exc, name)}: template tried something unsafe and was stopped: {exc}"
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{_where(exc, name)}: template error: {exc}") from None
        except TemplateError:
            raise
        except Exception as exc:  # 1 // 0, "a" + 1 ...: a broken template, not a crash
            raise TemplateError(
                f"{_where(exc, name)}: template failed: {type(exc).__name__}: {exc}"
            ) from None
        body = rx.sub(r"\n{3,}", "\n\n", body.strip("\n")) + "\n"
        return Rendered(clean_line(normalize_subject(subject), 250), body, name)


def _where(exc: BaseException, name: str) -> str:
    """File and line of the template frame that raised ``exc``, from its traceback."""
    import jinja2

    tb = exc.__traceback__
    where = name
    while tb is not None:
        # A frame of compiled template code: map its Python line to the template's line.
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if isinstance(template, jinja2.Template):
            line = template.get_corresponding_lineno(tb.tb_lineno)
            where = f"{template.filename or name}, line {line}"
        tb = tb.tb_next
    return where


def new_message_id(domain: str) -> str:
    """An opaque Message-ID: nothing in it names the tool that drafted the mail."""
    return f"{uuid.uuid4().hex}@{clean_line(domain, 100) or 'localhost'}"


def draft_message_id(sender: str, followup_id: str) -> str:
    """The Message-ID of a follow-up's draft: the same for the same follow-up (a pass
    killed after saving it finds it again by this id), opaque to the recipient."""
    domain = clean_line(sender.rpartition("@")[2], 100) or "localhost"
    digest = hashlib.sha256(f"{sender}\0{followup_id}".encode()).hexdigest()[:32]
    return f"{digest}@{domain}"


def add_marker_headers(msg: EmailMessage, ask_id: str, followup_id: str) -> None:
    """X-Followthrough-Ask / -Followup, for users who want them ([templates].marker_headers):
    they reach the recipient, so they are off by default."""
    msg[ASK_HEADER] = clean_line(ask_id, 40)
    msg[FOLLOWUP_HEADER] = clean_line(followup_id, 80)


def build_draft(
    *,
    sender: Address,
    to: Sequence[Address],
    cc: Sequence[Address] = (),
    rendered: Rendered,
    ask_id: str,
    followup_id: str,
    now: datetime,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    message_id: str | None = None,
    markers: bool = True,
) -> EmailMessage:
    """A complete RFC 5322 draft. Every header value here is validated or sanitised.
    ``markers``: add the X-Followthrough-* headers (see ``add_marker_headers``)."""
    if not to:
        raise TemplateError(f"follow-up {followup_id} has nobody to write to")
    msg = EmailMessage(policy=SMTP)
    msg["From"] = checked_address(sender)
    msg["To"] = [checked_address(a) for a in to]
    if cc:
        msg["Cc"] = [checked_address(a) for a in cc]
    msg["Subject"] = clean_line(rendered.subject, 250)
    msg["Date"] = format_datetime(now)
    domain = sender.email.rpartition("@")[2]
    msg["Message-ID"] = f"<{message_id or new_message_id(domain)}>"
    refs = [clean_line(r, 250) for r in references if r and _safe_id(r)]
    if in_reply_to and _safe_id(in_reply_to):
        msg["In-Reply-To"] = f"<{clean_line(in_reply_to, 250)}>"
        if in_reply_to not in refs:
            refs.append(in_reply_to)
    if refs:
        msg["References"] = " ".join(f"<{r}>" for r in refs[-20:])
    if markers:
        add_marker_headers(msg, ask_id, followup_id)
    msg.set_content(rendered.body)
    check_flattened(msg, ask_id)
    return msg


def check_flattened(msg: EmailMessage, ask_id: str) -> None:
    """Refuse a draft whose headers, written out, are not the ones set here: a header
    line that no ``msg[...] = ...`` above made, or a CR or LF inside a value."""
    expected = [name.lower() for name in msg]
    head = msg.as_bytes(policy=SMTP).split(b"\r\n\r\n", 1)[0]
    found: list[str] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the header above
        if b"\r" in line or b"\n" in line:
            raise TemplateError(
                f"ask {ask_id}: refusing a draft with a bare line break in a header"
            )
        found.append(line.split(b":", 1)[0].decode("ascii", "replace").lower())
    if found != expected:
        extra = sorted(set(found) - set(expected)) or sorted(set(expected) - set(found))
        raise TemplateError(
            f"ask {ask_id}: refusing a draft whose written headers differ from the ones "
            f"built ({', '.join(extra) or 'their order or number'})"
        )
    for name in msg:
        for value in msg.get_all(name, []):
            if "\r" in str(value) or "\n" in str(value):
                raise TemplateError(
                    f"ask {ask_id}: refusing a draft whose {name} header holds a line break"
                )


def _safe_id(message_id: str) -> bool:
    return (
        bool(message_id)
        and not _UNSAFE.search(message_id)
        and not any(c in message_id for c in " <>,\"'")
    )
