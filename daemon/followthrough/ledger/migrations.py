"""The ledger's schema: the numbered migrations (the ``PRAGMA user_version`` ladder)
and the asks' state machine. No I/O here; ``followthrough.ledger.db`` applies them."""

from __future__ import annotations

# Each entry moves the schema from version i to i+1. Never edit a released step; add one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE asks (
        id TEXT PRIMARY KEY,
        source_kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        what TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        helpers TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        due TEXT,
        due_phrase TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'tracked',
        outcome TEXT,
        thread_root TEXT,
        conversation TEXT,
        praise INTEGER NOT NULL DEFAULT 0,
        last_helper_at TEXT,
        last_user_at TEXT,
        thanked_at TEXT,
        state_at TEXT NOT NULL,
        paused_until TEXT,
        UNIQUE (source_kind, source_key)
    );
    CREATE TABLE ask_events (
        seq INTEGER PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        rule TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        UNIQUE (ask_id, kind, source)
    );
    CREATE TABLE thread (
        message_id TEXT PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id)
    );
    CREATE INDEX thread_ask ON thread(ask_id);
    CREATE TABLE followups (
        id TEXT PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id),
        kind TEXT NOT NULL,
        seq INTEGER NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL,
        draft_ref TEXT,
        draft_path TEXT,
        message_id TEXT,
        recipients TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (ask_id, kind, seq)
    );
    CREATE INDEX followups_message ON followups(message_id);
    CREATE TABLE cursors (
        stream TEXT PRIMARY KEY,
        cursor TEXT NOT NULL
    );
    CREATE TABLE passes (
        seq INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        result TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the user's own replies whose parent is not (yet) in an ask's thread — adopted
    # when that parent joins a thread (your "thanks!" read before the helper's reply).
    """
    CREATE TABLE orphans (
        message_id TEXT NOT NULL,
        parent TEXT NOT NULL,
        at TEXT NOT NULL,
        thanks TEXT,
        PRIMARY KEY (message_id, parent)
    );
    CREATE INDEX orphans_parent ON orphans(parent);
    """,
    # 3: approvals (nothing is sent without one) and asks others made of the user.
    """
    CREATE TABLE approvals (
        followup_id TEXT PRIMARY KEY REFERENCES followups(id),
        approved_at TEXT NOT NULL,
        how TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        sent_at TEXT,
        transport TEXT,
        result TEXT
    );
    CREATE TABLE incoming (
        message_id TEXT PRIMARY KEY,
        sender TEXT NOT NULL,
        sender_name TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        what TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        due TEXT,
        evidence TEXT NOT NULL DEFAULT '',
        answered_at TEXT
    );
    CREATE INDEX incoming_sender ON incoming(sender);
    """,
    # 4: when the helper last asked the user a question back (follow-ups wait for the answer)
    """
    ALTER TABLE asks ADD COLUMN question_at TEXT;
    """,
    # 5: the ask said back in the forms drafts need (followthrough.detect.phrase). The
    # ledger fills these for asks recorded before, in the same transaction (PHRASE_VERSION).
    """
    ALTER TABLE asks ADD COLUMN phrase_kind TEXT;
    ALTER TABLE asks ADD COLUMN phrase_base TEXT;
    ALTER TABLE asks ADD COLUMN phrase_gerund TEXT;
    ALTER TABLE asks ADD COLUMN phrase_topic TEXT;
    ALTER TABLE asks ADD COLUMN phrase_sentence TEXT;
    """,
    # 6: the user's corrections of ask detection (issue 17): each `track` of a suggestion
    # and each `cancel` / `state … not-an-ask` of a tracked mail ask is a label on the
    # ask's sentence; detect_adjust holds the per-user weights learned from them, applied
    # on top of the shipped model (never written to its weights file).
    """
    CREATE TABLE detect_labels (
        ask_id TEXT PRIMARY KEY REFERENCES asks(id),
        label INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        at TEXT NOT NULL,
        how TEXT NOT NULL
    );
    CREATE TABLE detect_adjust (
        feature TEXT PRIMARY KEY,
        weight REAL NOT NULL
    );
    """,
    # 7: the text of each draft (its sent copy is recognised by thread, recipients and a
    # close match of the text when the mail client gave it a new Message-ID), and
    # replies read before the message they answer (linked when that message is read).
    """
    CREATE TABLE draft_texts (
        followup_id TEXT PRIMARY KEY REFERENCES followups(id) ON DELETE CASCADE,
        body TEXT NOT NULL
    );
    CREATE TABLE early_replies (
        message_id TEXT NOT NULL,
        parent TEXT NOT NULL,
        sender TEXT NOT NULL,
        mailing_list TEXT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        rule TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        until TEXT,
        PRIMARY KEY (message_id, parent)
    );
    CREATE INDEX early_replies_parent ON early_replies(parent);
    """,
    # 8: standing check-ins, keep-in-touch notes, asks to the user with their own states
    # (open / answered / done), notes for the next check-in, and when each person was
    # last written to or heard from.
    """
    CREATE TABLE touches (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        person TEXT NOT NULL,
        occasion TEXT NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL,
        draft_ref TEXT,
        draft_path TEXT,
        message_id TEXT,
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (kind, person, occasion)
    );
    CREATE INDEX touches_message ON touches(message_id);
    CREATE TABLE standing (
        key TEXT PRIMARY KEY,
        uid TEXT NOT NULL,
        start TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        people TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX standing_uid ON standing(uid, start);
    CREATE TABLE person_notes (
        seq INTEGER PRIMARY KEY,
        person TEXT NOT NULL,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL,
        used_in TEXT
    );
    CREATE TABLE contact_seen (
        email TEXT PRIMARY KEY,
        last_sent TEXT,
        last_heard TEXT
    );
    ALTER TABLE incoming ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
    ALTER TABLE incoming ADD COLUMN state_at TEXT;
    UPDATE incoming SET state = 'answered', state_at = answered_at WHERE answered_at IS NOT NULL
    """,
    # 9: empty (the number was reserved while 0.2 was developed; kept so the ladder stays one)
    "",
    # 10: bad items already reported (each is warned about once, then listed by `status`)
    """
    CREATE TABLE skipped (
        source TEXT NOT NULL,
        why TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (source, why)
    );
    """,
)
# The schema version whose step adds the phrase columns: the ledger fills them for the
# asks already recorded right after it (a Python step in the same transaction).
PHRASE_VERSION = 5

# Which state may follow which. Manual corrections (`followthrough state`) may go anywhere.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"acknowledged", "delivered", "declined", "cancelled", "closed"}),
    "acknowledged": frozenset({"delivered", "declined", "cancelled", "closed"}),
    "delivered": frozenset({"closed"}),
    "declined": frozenset({"closed"}),
    "closed": frozenset(),
    "cancelled": frozenset(),
}
