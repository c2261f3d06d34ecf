"""Mail over IMAP (IMAPClient): incremental reads, drafts APPENDed to the Drafts folder.

The only package that imports imapclient. Folders are found through SPECIAL-USE
(``\\Sent``, ``\\Drafts``) unless the config names them.

Cursor per folder (opaque JSON, kept in the ledger by the pass)::

    {"k": "imap", "box": folder name, "v": UIDVALIDITY, "n": UIDNEXT,
     "m": HIGHESTMODSEQ (0 without CONDSTORE), "f": [flagged UIDs] (without CONDSTORE)}

- A pass with nothing new costs one STATUS per folder: same UIDVALIDITY, UIDNEXT and
  HIGHESTMODSEQ means nothing is listed or fetched.
- New messages: ``UID SEARCH UID n:*``, then ``UID FETCH (BODY.PEEK[] FLAGS)`` in
  batches. ``BODY.PEEK`` never sets ``\\Seen``.
- Flags added later (Sent only: a flag is how the user marks an ask): with CONDSTORE,
  ``UID SEARCH <flagged> MODSEQ m``; without it, ``UID SEARCH <flagged>`` compared with
  the flagged UIDs kept in the cursor. Those messages are read again (same ref).
- A UIDVALIDITY change (the folder was rebuilt) reads the whole folder again; the
  pass knows messages by Message-ID, so nothing is counted twice.
- A message deleted on the server is simply no longer there: nothing to read.
"""
