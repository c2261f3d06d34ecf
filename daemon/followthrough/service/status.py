"""The status file (``<state_dir>/status.json``, written by the daemon) and what
`followthrough status` shows: the daemon, the last and next pass, drafts waiting,
bad items skipped, the follow-ups to come."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from followthrough.config.settings import LEDGER_FILE, Settings
from followthrough.engine.planner import Plan, Planner
from followthrough.engine.scan import ScanSummary
from followthrough.ledger import Ledger
from followthrough.model import Skipped
from followthrough.service.lock import daemon_pid, holder_pid

STATUS_NAME = "status.json"


def status_path(state_dir: Path) -> Path:
    return state_dir / STATUS_NAME


def read_status(state_dir: Path) -> dict[str, Any]:
    """The daemon's last written status, or {} when there is none (or it is unreadable)."""
    try:
        data = json.loads(status_path(state_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_status(state_dir: Path, data: dict[str, Any]) -> None:
    """Replace the status file atomically; it is created 0600 (it names folders)."""
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = status_path(state_dir)
    tmp = target.with_name(f".{STATUS_NAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def summary_line(summary: dict[str, Any]) -> str:
    """The one-line summary of a pass, rebuilt from what the ledger stored of it."""
    counts = summary.get("counts", {})
    s = ScanSummary(
        counts=Counter({str(k): int(v) for k, v in counts.items()}),
        skipped=[Skipped("", "")] * int(summary.get("skipped", 0)),
        errors=[str(e) for e in summary.get("errors", [])],
        seconds=float(summary.get("seconds", 0.0)),
    )
    return s.line()


def collect_status(
    state_dir: Path, now: datetime, settings: Settings | None = None
) -> dict[str, Any]:
    """What `followthrough status` shows: daemon, last pass, next run, drafts waiting,
    and (with ``settings``: the config is readable) the planner's follow-ups to come."""
    pid = daemon_pid(state_dir)
    in_pass = holder_pid(state_dir)  # whoever runs a pass right now
    saved = read_status(state_dir)
    daemon_running = pid is not None
    info: dict[str, Any] = {
        "daemon": {
            "running": daemon_running,
            "pid": pid,
            "since": saved.get("started") if daemon_running else None,
        },
        "pass_running": in_pass,
        "last_pass": None,
        "next_pass": saved.get("next_pass") if daemon_running else None,
        "next_digest": saved.get("next_digest") if daemon_running else None,
        "failures": int(saved.get("failures", 0)),
        "last_error": saved.get("last_error"),
        "drafts_waiting": 0,
    }
    ledger_path = state_dir / LEDGER_FILE
    if ledger_path.exists():
        ledger = Ledger(ledger_path)
        try:
            last = ledger.last_pass()
            info["drafts_waiting"] = len(ledger.followups(states=("drafted",)))
            info["skipped"] = [
                {
                    "source": source,
                    "why": why,
                    "first_seen": first.isoformat(),
                    "last_seen": last.isoformat(),
                }
                for source, why, first, last in ledger.skipped_items()
            ]
            if settings is not None:
                info["coming"] = _coming(Planner(ledger, settings, now).plan_all())
        finally:
            ledger.close()
        if last is not None:
            result = last["result"]
            if result == "running" and in_pass is None:
                result = "interrupted"  # its process died mid-pass; the next pass goes on
            info["last_pass"] = {
                "started": last["started"],
                "result": result,
                "summary": summary_line(last),
                "errors": list(last.get("errors", [])),
            }
    return info


def _coming(plan: Plan) -> dict[str, Any]:
    """The planner's answer in short: due at the next pass, held back, the next one later."""
    later = sorted(
        (s for s in plan.by_action("later") if s.plan is not None),
        key=lambda s: (s.plan.due_at if s.plan else plan.now, s.ask.id),
    )
    first = later[0] if later else None
    return {
        "due": len(plan.by_action("draft")),
        "waiting": len(plan.by_action("waits")),
        "next": None
        if first is None or first.plan is None
        else {"ask": first.ask.id, "kind": first.plan.kind, "at": first.plan.due_at.isoformat()},
    }
