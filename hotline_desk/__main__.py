"""Entry point for ``python -m hotline_desk``; the same as the ``hotline-desk`` command."""

from hotline_desk.cli.main import main

raise SystemExit(main())
