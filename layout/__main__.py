"""``python -m layout``: the twin of the ``banmian`` command (whose entry point is
:func:`run` too)."""

import sys


def run() -> int:
    """The command, with Ctrl-C during its imports (the first ≈ 60 ms, before the command
    handles it itself: ``layout.cli.errors``) ending as a Ctrl-C later does: one line and
    exit 130, not a traceback; nothing has been written by then."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("banmian: interrupted; nothing written", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(run())
