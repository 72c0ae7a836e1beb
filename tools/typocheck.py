#!/usr/bin/env python3
"""The body-text figures of issue 10 for any PDF (banmian's, Typst's …):

    python tools/typocheck.py PDF [--json] [--size PT] [--columns X0,X1 ...] [--list]

The tool is the package ``bench/typocheck`` (its docstring says what is measured and how);
this file only puts it and the repository on the path.
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from typocheck import main  # noqa: E402 - after the path is set

if __name__ == "__main__":
    sys.exit(main())
