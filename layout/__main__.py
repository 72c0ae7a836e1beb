"""``python -m layout``: the twin of the ``banmian`` command."""

import sys

from .cli import main

sys.exit(main())
