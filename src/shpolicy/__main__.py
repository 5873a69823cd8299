"""``python -m shpolicy``: the same command line as the ``shpolicy`` script."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
