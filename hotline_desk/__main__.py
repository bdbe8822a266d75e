"""Entry point for ``python -m hotline_desk`` and the frozen desk; the same as the
``hotline-desk`` command."""

import sys

if __name__ == "__main__":  # not when a spawned child (the demo build's) imports it again
    if getattr(sys, "frozen", False):  # the frozen desk's child processes start here too
        import multiprocessing

        multiprocessing.freeze_support()
    from hotline_desk.cli.main import main

    raise SystemExit(main())
