"""The local backend: Maildir or mbox for mail, an .ics file or a vdir for the calendar.

This is what mbsync, offlineimap, notmuch, mutt, vdirsyncer and khal users already
have on disk. Reading is incremental with small opaque JSON cursors:

- Maildir: ``{"k": "maildir", "cur": mtime_ns, "new": mtime_ns, "ctime": max ctime_ns
  seen, "at": [file names whose ctime is that max]}``. When both directory mtimes equal
  the cursor's, nothing is listed or opened. Otherwise only files whose ctime is newer
  (a new message, or a rename for a flag change) are read.
- mbox: ``{"k": "mbox", "ino": inode, "size": bytes read, "mtime": mtime_ns, "tail":
  sha256 of the 4 KiB before "size"}``. An appended mbox is read from "size" on; a
  shrunk or rewritten one is read again from the start.
- calendar: ``{"k": "ics", "digest": sha256 of every (name, mtime_ns, size)}``.

Known limit: a message written in the same clock tick as the directory stat of a
previous read is only picked up by the next change to that directory.
"""
