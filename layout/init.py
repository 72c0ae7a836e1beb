"""``banmian init DIR``: a small working project to start from.

Contract: :func:`init_project` copies the starter project (:func:`layout.bundled.starter_dir`:
an edition file of one page, the page spec, two article records, a photo with its licence
note, a README with the commands) into ``folder``, creating it. No fonts are copied: the
starter names no ``fonts``, so the bundled manifest is used (the edition file's comment says
how to point at system fonts or a manifest of one's own). A folder that exists and is not
empty is refused (:class:`~layout.errors.SpecError`, exit 2, nothing written) unless
``force``; then the starter's files replace those of the same name and nothing else there is
touched. The files are written all or none (:func:`layout.output.write_files`): one that
cannot be written (a folder where the edition file goes, a full disk) leaves every file, and
the folder, as they were (``OutputError``, exit 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .bundled import starter_dir
from .errors import SpecError
from .output import write_files

# The file to build and proof first; the README names it too.
EDITION = "edition.yaml"


@dataclass(frozen=True)
class Initialised:
    """The project written: its folder, the edition file and every file written."""

    folder: Path
    edition: Path
    files: tuple[Path, ...]


def starter_files() -> list[Path]:
    """The starter's files, relative to its folder, in a fixed order."""
    root = starter_dir()
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and _shipped(p))


def _shipped(path: Path) -> bool:
    # A checkout's byte-code caches or editor files are not part of the starter.
    return "__pycache__" not in path.parts and not path.name.startswith(".")


def init_project(folder: Path | str, *, force: bool = False) -> Initialised:
    """Write the starter project into ``folder`` (see the module docstring)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise SpecError(f"{folder}: not a folder; nothing written")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise SpecError(
            f"{folder}: the folder is not empty; nothing written (banmian init --force "
            "writes the starter's files over those of the same name)",
        )
    root = starter_dir()
    files = [(folder / relative, (root / relative).read_bytes()) for relative in starter_files()]
    written = write_files(files)
    return Initialised(folder=folder, edition=folder / EDITION, files=tuple(written))
