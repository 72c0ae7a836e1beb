"""The fitted page spec as text: the designer's own file with only the changed numbers
changed.

Contract: :func:`fitted_text` gives the text of the page spec file ``path`` (its own text,
not what it extends) with the grid lines of every changed box (``at.line``, ``at.lines``)
and the lines of every changed headline area (``headline.lines``) and every changed box's
blank lines before its intertitles and body columns (``intertitle_space``, ``columns``:
replaced where it is written, else a line ``KEY: N`` added to the box above a key of its own
line, or the entry added at the head of a flow mapping) written anew, and every other
character as it was: comments, key order, alignment and quoting are kept because the file is
not re-serialised. ruamel.yaml's round-trip loader finds where each value is written (its
line and column); the number there is replaced. Raises :class:`FitTextError` when a changed
box is not written in the page spec itself (its boxes come from a file it extends: ``fit``
writes only the page spec) or a value is not a plain integer there.

:func:`renamed_paths` gives a page spec's or an edition file's text with the paths it names
of files a fit wrote anew (an edition's fit: the fitted edition and page specs, written
beside the originals) re-pointed at them — a page spec's ``extends`` and
``continues.spec``, an edition file's ``pages[].spec`` — the file name replaced where it is
written (quoted or plain), its folder and every other character kept.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from layout.fit.levers import Boundary, Columns, HeadlineLines, IntertitleSpace, Lever
from layout.spec.model import PageSpec

_INTEGER = re.compile(r"[0-9]+")


class FitTextError(ValueError):
    """The fitted spec cannot be written as the page spec's own text."""


def fitted_text(text: str, fitted: PageSpec, changes: Iterable[Lever]) -> str:
    """``text`` (the page spec file's) with the values ``changes`` changed set to those of
    ``fitted``."""
    doc = YAML(typ="rt").load(text)
    boxes = _boxes(doc)
    edits: list[tuple[int, int, int]] = []  # (line, column, new value), 0-based
    inserts: list[tuple[int, int, str]] = []  # (line, column, text): text put in there
    for box_id, keys in sorted(_changed_keys(changes).items()):
        written = boxes.get(box_id)
        if written is None:
            raise FitTextError(
                f"box {box_id!r} is not written in the page spec (its boxes come from a file "
                "it extends): fit writes only the page spec's own text"
            )
        box = fitted.box(box_id)
        for section, key in sorted(keys):
            if section == "":
                _top(written, (key, int(getattr(box, key))), edits, inserts)
                continue
            value = _value(box, section, key)
            at = written.get(section)
            if not isinstance(at, CommentedMap) or key not in at:
                raise FitTextError(f"box {box_id!r}: {section}.{key} is not written in the spec")
            line, column = at.lc.value(key)
            edits.append((line, column, value))
    return _edited(text, edits, inserts)


def _top(
    written: CommentedMap,
    item: tuple[str, int],
    edits: list[tuple[int, int, int]],
    inserts: list[tuple[int, int, str]],
) -> None:
    """The box's key ``item[0]`` (``columns``, ``intertitle_space``) set to ``item[1]``:
    replaced where it is written, else added (a block mapping: on a line of its own above
    the box's second key, at its indent; a flow mapping: as its first entry)."""
    key, value = item
    if key in written:
        line, column = written.lc.value(key)
        edits.append((line, column, value))
        return
    keys = list(written)
    if written.fa.flow_style():
        line, column = written.lc.key(keys[0])
        inserts.append((line, column, f"{key}: {value}, "))
        return
    if len(keys) < 2:
        raise FitTextError(f"a box of one key: no line to add {key} beside")
    line, column = written.lc.key(keys[1])  # the first key follows the list's "- "
    inserts.append((line, -1, " " * column + f"{key}: {value}\n"))


def _boxes(doc: Any) -> Mapping[str, CommentedMap]:
    found: dict[str, CommentedMap] = {}
    if isinstance(doc, Mapping):
        for item in doc.get("boxes") or ():
            if isinstance(item, CommentedMap) and isinstance(item.get("id"), str):
                found[item["id"]] = item
    return found


def _changed_keys(changes: Iterable[Lever]) -> dict[str, set[tuple[str, str]]]:
    keys: dict[str, set[tuple[str, str]]] = {}
    for change in changes:
        if isinstance(change, HeadlineLines):
            keys.setdefault(change.box, set()).add(("headline", "lines"))
        elif isinstance(change, IntertitleSpace):
            keys.setdefault(change.box, set()).add(("", "intertitle_space"))
        elif isinstance(change, Columns):
            keys.setdefault(change.box, set()).add(("", "columns"))
        elif isinstance(change, Boundary):
            keys.setdefault(change.upper, set()).add(("at", "lines"))
            keys.setdefault(change.lower, set()).update({("at", "line"), ("at", "lines")})
    return keys


def _value(box: Any, section: str, key: str) -> int:
    if section == "headline":
        return int(box.headline.lines)
    column, span, line, lines = box.grid_at
    return int(line if key == "line" else lines)


def _edited(
    text: str, edits: list[tuple[int, int, int]], inserts: list[tuple[int, int, str]]
) -> str:
    lines = text.splitlines(keepends=True)
    # From the end of the text backwards, so an edit moves neither the columns nor the lines
    # of the next; a new line (column -1) goes in after the edits of the line it comes above.
    done: list[tuple[int, int, int | str]] = [*edits, *inserts]
    for line, column, value in sorted(done, key=lambda e: (e[0], e[1]), reverse=True):
        if isinstance(value, str):
            if column < 0:
                lines.insert(line, value)
            else:
                lines[line] = lines[line][:column] + value + lines[line][column:]
            continue
        found = _INTEGER.match(lines[line], column)
        if found is None:
            raise FitTextError(
                f"line {line + 1}, column {column + 1}: expected a plain integer to change"
            )
        lines[line] = lines[line][: found.start()] + str(value) + lines[line][found.end() :]
    return "".join(lines)


def renamed_paths(text: str, file: Path, renames: Mapping[Path, Path]) -> str:
    """``text`` (of the page spec or edition file ``file``) with every path it names whose
    file is a key of ``renames`` (absolute paths) named as its value instead (see the module
    docstring)."""
    doc = YAML(typ="rt").load(text)
    lines = text.splitlines(keepends=True)
    found: list[tuple[int, int, str, str]] = []
    for mapping, key in _path_values(doc):
        value = mapping.get(key)
        if not isinstance(value, str):
            continue
        target = Path(os.path.abspath(os.path.normpath(file.parent / value)))
        if target not in renames:
            continue
        line, column = mapping.lc.value(key)
        new = posixpath.join(posixpath.dirname(value), renames[target].name)
        found.append((line, column, value, new))
    for line, column, old, new in sorted(found, reverse=True):
        written = lines[line]
        for token in (old, f'"{old}"', f"'{old}'"):
            if written.startswith(token, column):
                quote = token[0] if token != old else ""
                rest = _aligned(written[column + len(token) :], len(new) - len(old))
                lines[line] = written[:column] + quote + new + quote + rest
                break
        else:
            raise FitTextError(f"line {line + 1}, column {column + 1}: expected the path {old!r}")
    return "".join(lines)


def _path_values(doc: Any) -> Iterator[tuple[CommentedMap, str]]:
    """The mappings and keys of the paths a page spec or edition file names to other page
    specs or editions: ``extends``, ``boxes[].continues.spec``, ``pages[].spec``."""
    if not isinstance(doc, CommentedMap):
        return
    if "extends" in doc:
        yield doc, "extends"
    for item in doc.get("boxes") or ():
        going = item.get("continues") if isinstance(item, CommentedMap) else None
        if isinstance(going, CommentedMap) and "spec" in going:
            yield going, "spec"
    for item in doc.get("pages") or ():
        if isinstance(item, CommentedMap) and "spec" in item:
            yield item, "spec"


def _aligned(rest: str, longer: int) -> str:
    """``rest`` (what follows a value on its line) with as many of its leading blanks taken
    off as the value grew by, one kept, so a comment after it stays in its column."""
    blanks = len(rest) - len(rest.lstrip(" "))
    if longer <= 0 or blanks < 2 or not rest.strip():
        return rest
    return rest[min(longer, blanks - 1) :]
