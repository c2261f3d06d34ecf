from __future__ import annotations

from followthrough.cli.main import main

raise SystemExit(main())
