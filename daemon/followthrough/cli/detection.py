"""The commands about what followthrough learned and writes with: `corrections` (what
your corrections taught ask detection) and `templates` (the follow-up templates in use,
or all of them rendered for example asks)."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from followthrough.cli.context import Context
from followthrough.config.voice import decide_locale
from followthrough.engine.compose import Composer, shipped_templates_dir
from followthrough.engine.drafting import TEMPLATE_FOR


def cmd_corrections(ctx: Context) -> int:
    with ctx.ledger() as ledger, ledger.transaction():
        if ctx.args.reset:
            n = ledger.reset_detect_adjustment()
            ctx.print(f"forgot {n} correction(s); detection is the shipped model again.")
            return 0
        labels = ledger.detect_labels()
        weights = ledger.detect_adjustment()
    if not labels:
        ctx.print("no corrections yet: `track` a suggestion, or `state ID not-an-ask`.")
        return 0
    ctx.print(f"{len(labels)} correction(s), {len(weights)} adjusted feature(s):")
    for sentence, is_ask, how in labels:
        ctx.print(f"  {'ask    ' if is_ask else 'not ask'}  ({how})  {sentence[:90]!r}")
    ctx.print("`followthrough corrections --reset` forgets them all.")
    return 0


def cmd_templates(ctx: Context) -> int:
    from followthrough.engine.gallery import example_settings, render_gallery_markdown

    args = ctx.args
    if args.shipped:
        composer, user_dir = Composer(), None
        voice = example_settings().voice
    else:
        settings = ctx.settings
        user_dir = settings.templates_dir
        composer = Composer(user_dir)
        voice = settings.voice
    locale = args.locale or (voice.locale if not args.shipped else "en_US") or "en_US"
    if args.locale:
        decide_locale(args.locale, ZoneInfo("UTC"), {})  # an unknown locale is an error
    settings_for_preview = example_settings(
        locale=locale, tone=args.tone or voice.tone, signature=voice.signature
    )
    if not args.shipped:
        settings_for_preview = replace(
            settings_for_preview, voice=replace(settings_for_preview.voice, signoff=voice.signoff)
        )
    if args.preview:
        ctx.out.write(render_gallery_markdown(composer, settings_for_preview))
        return 0
    shipped = shipped_templates_dir()
    for name in (*TEMPLATE_FOR.values(), "digest.txt.j2"):
        mine = user_dir / name if user_dir is not None else None
        where = mine if mine is not None and mine.is_file() else shipped / name
        ctx.print(f"{name:<16} {where}")
    return 0
