"""The Exchange backend: a mailbox over EWS, through exchangelib (imported only here).

Reading is incremental with ``SyncFolderItems``: the cursor of a mail folder is
``{"k": "ews", "s": <sync state>}``. A pass with no changes costs one request per
folder. New or changed items are listed with their ids and receive time only, then
fetched in batches of :data:`BATCH` with just the fields a record needs (no MIME, so
attachment bytes are never downloaded). The first sync lists the whole folder but
fetches only what arrived within the look-back.

The calendar is watched the same way (``{"k": "ews-cal", "s": ...}``); when anything
changed, every occurrence in the window is read through a calendar view, which
expands recurring series on the server.

Drafts are saved with ``CreateItem`` and ``MessageDisposition="SaveOnly"`` only:
a reply to the original (``ReplyToItem``, threaded by Outlook like any reply) when
the original is in Sent Items or the Inbox, otherwise a new message. Both carry the
category ``followthrough`` and the ``X-Followthrough-Ask`` internet header. Nothing
in this package can send: it never calls ``send``, ``send_and_save``, ``reply`` or
``SendItem``.
"""
