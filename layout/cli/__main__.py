"""``python -m layout.cli``: the same as ``python -m layout`` and ``banmian``."""

import sys

from . import main

sys.exit(main())
