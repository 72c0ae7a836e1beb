"""``python -m typocheck`` (from ``bench/``): the same as ``python tools/typocheck.py``."""

import sys

from .cli import main

sys.exit(main())
