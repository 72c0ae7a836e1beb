"""What banmian ships beside its code: the open fonts and the starter project of ``init``.

Contract: :func:`bundled_fonts_dir` is the folder of the bundled fonts and their manifest —
in an installed wheel the package folder ``layout/bundled_fonts/`` (pyproject.toml maps the
repository's top-level ``fonts/`` onto that package), in a checkout (run from the source
tree, or an editable install) the repository's ``fonts/`` beside ``layout/``. The wheel's
copy is looked for first, because an installed ``layout/`` has no ``fonts/`` beside it that
is ours. :data:`BUNDLED_MANIFEST` is the manifest there: the default of a page spec's
``fonts``. The last-resort faces it names for rare ideographs are system files (Debian's
fonts-hanazono), marked optional, so the manifest works when they are missing: the build
warns once and reports the characters no face has. :func:`starter_dir` is the template
``banmian init`` copies (``layout/starter/``, package data).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_MANIFEST_NAME = "manifest.yaml"


def bundled_fonts_dir() -> Path:
    """The folder of the bundled fonts (see the module docstring); the checkout's
    ``fonts/`` when neither holds a manifest, so that the error names a real place."""
    installed = _PACKAGE / "bundled_fonts"
    if (installed / _MANIFEST_NAME).is_file():
        return installed
    return _PACKAGE.parent / "fonts"


BUNDLED_MANIFEST = bundled_fonts_dir() / _MANIFEST_NAME


def starter_dir() -> Path:
    """The starter project that ``banmian init`` writes (package data of ``layout``)."""
    return _PACKAGE / "starter"
