from __future__ import annotations

from followthrough.cli import main

raise SystemExit(main())
