"""``banmian init DIR``: a small working project to start from.

Contract: :func:`init_project` copies the starter project (:func:`layout.bundled.starter_dir`:
an edition file of one page, the page spec, two article records, a photo with its licence
note, a README with the commands) into ``folder``, creating it. No fonts are copied: the
starter names no ``fonts``, so the bundled manifest is used (the edition file's comment says
how to point at system fonts or a manifest of one's own). A folder that exists and is not
empty is refused (:class:`~layout.errors.SpecError`, exit 2, nothing written) unless
``force``; then the starter's files replace those of the same name and nothing else there is
touched, and :class:`Initialised` says which files were replaced (their bytes differed),
which were already the starter's, which were added and what was left alone, so that
``--force`` never writes over a file without naming it. The files are written all or none
(:func:`layout.output.write_files`): one that cannot be written (a folder where the edition
file goes, a full disk) leaves every file, and the folder, as they were (``OutputError``,
exit 3).
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
    """The project written: its folder, the edition file and every file written (in the
    order of :func:`starter_files`); of those, the ones that were there with other bytes
    (``replaced``), the ones there already with the starter's bytes (``unchanged``) and the
    new ones (``added``); and what was there and is not the starter's (``left_alone``,
    relative to the folder: a file, or a folder with none of the starter's files in it as
    one entry ending in ``/``)."""

    folder: Path
    edition: Path
    files: tuple[Path, ...]
    replaced: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    added: tuple[Path, ...] = ()
    left_alone: tuple[str, ...] = ()


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
    relatives = starter_files()
    files = [(folder / relative, (root / relative).read_bytes()) for relative in relatives]
    before = {path: _existing(path) for path, _ in files}  # read before anything is written
    left_alone = tuple(_left_alone(folder, set(relatives))) if folder.is_dir() else ()
    written = write_files(files)
    return Initialised(
        folder=folder,
        edition=folder / EDITION,
        files=tuple(written),
        replaced=tuple(p for p, data in files if before[p] not in (None, data)),
        unchanged=tuple(p for p, data in files if before[p] == data),
        added=tuple(p for p, _ in files if before[p] is None),
        left_alone=left_alone,
    )


def _existing(path: Path) -> bytes | None:
    """The bytes of a file there now; None when there is none (a folder in its place is
    refused by the write, with nothing written)."""
    return path.read_bytes() if path.is_file() else None


def _left_alone(folder: Path, starter: set[Path], under: Path = Path()) -> list[str]:
    """What is in ``folder / under`` and is not one of the ``starter`` files, in name order:
    a file by its path, a folder that holds none of them as one entry (``drafts/``), so that
    a project's ``.git`` is one line."""
    found: list[str] = []
    for entry in sorted((folder / under).iterdir()):
        relative = under / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if any(relative in p.parents for p in starter):
                found += _left_alone(folder, starter, relative)
            else:
                found.append(f"{relative.as_posix()}/")
        elif relative not in starter:
            found.append(relative.as_posix())
    return found
