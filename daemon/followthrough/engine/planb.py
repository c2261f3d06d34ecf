"""Plan B: turn an alternative helper into a new ask and draft its request into Drafts
(never sent), for `followthrough planb`. The ask is cancelled if the draft is deleted
unsent (``RelationSteps.settle_relations``)."""

from __future__ import annotations

import os
from datetime import datetime

from followthrough.config.settings import Settings
from followthrough.config.voice import decide_locale
from followthrough.engine.compose import Composer, Rendered, build_draft
from followthrough.engine.policy import Calendar
from followthrough.engine.relating import ask_item, draft_message_id, local_day
from followthrough.engine.relations import Alternative
from followthrough.engine.wording import first_name, greeting
from followthrough.errors import UsageError
from followthrough.ledger import Ledger
from followthrough.model import Account, Ask, Followup

PLAN_B_NOTICE_DAYS = 3  # business days: a Plan B request with less notice names no date


def draft_plan_b_request(
    settings: Settings,
    ledger: Ledger,
    account: Account,
    composer: Composer,
    old: Ask,
    alternative: Alternative,
    now: datetime,
) -> tuple[Ask, Followup]:
    """A new ask of ``alternative`` for what ``old`` asked, with its request drafted into
    Drafts (never sent). Its ask is cancelled if you delete the draft unsent."""
    tz = settings.timezone
    person = alternative.person
    key = f"planb:{old.id}:{person.email}"
    if ledger.ask_by_source("manual", key) is not None:
        raise UsageError(f"a Plan B ask of {person.email} for {old.id} already exists")
    # a date only days away is the first helper's deadline, not a fair one to hand a
    # new person: the request mentions it as a hope and leaves the date to them
    cal = Calendar.of(settings.policy, tz)
    tight = old.due is not None and cal.days_between(now, old.due) < PLAN_B_NOTICE_DAYS
    due = old.due if old.due is not None and old.due > now and not tight else None
    similar = alternative.similar
    loc = decide_locale(settings.voice.locale, tz, os.environ)
    context = {
        "name": first_name(person),
        "greeting": greeting([person]),
        **ask_item(old, now, tz, loc),
        "due": local_day(due, tz, loc),
        "hoped": local_day(old.due, tz, loc)
        if tight and old.due is not None and old.due > now
        else None,
        "subject": old.subject,
        "similar": ask_item(similar, now, tz, loc) if similar is not None else None,
        "similar_on": similar.state_at.astimezone(tz).strftime("%B") if similar else None,
        "me": settings.voice.signoff or settings.user.name or settings.user.email,
        "signature": settings.voice.signature,
    }
    rendered: Rendered = composer.render("planb.txt.j2", context)
    with ledger.transaction():
        new, _ = ledger.record_ask(
            source_kind="manual",
            source_key=key,
            what=old.what,
            subject=rendered.subject,
            helpers=(person,),
            asked_at=now,
            due=due,
            due_phrase=old.due_phrase if due is not None else "",
            thread_root=None,
            conversation=None,
            rule="Plan B (followthrough planb)",
            evidence="; ".join(alternative.reasons),
            source=f"planb:{old.id}",
        )
        fid = f"{new.id}-request"
        message_id = draft_message_id(settings.user.email, fid)
        ledger.record_thread_root(new.id, message_id)
        ledger.record_event(
            old.id,
            now,
            "planb",
            f"asked {person.email} instead (ask {new.id})",
            rule="followthrough planb",
            source=f"planb:{new.id}",
        )
        ledger.record_followup(
            ask_id=new.id,
            kind="request",
            seq=1,
            due_at=now,
            state="drafting",
            now=now,
            message_id=message_id,
            recipients=[person.email],
            subject=rendered.subject,
        )
    draft = build_draft(
        sender=settings.user,
        to=[person],
        rendered=rendered,
        ask_id=new.id,
        followup_id=fid,
        now=now,
        message_id=message_id,
    )
    ref = account.save_draft(draft, None)
    path = getattr(account, "draft_path", None)
    draft_path = str(path(ref)) if callable(path) and path(ref) is not None else None
    with ledger.transaction():
        ledger.record_draft_saved(fid, ref, draft_path, now)
    return ledger.get_ask(new.id), ledger.get_followup(fid)
