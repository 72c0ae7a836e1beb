"""The fitted page spec as text: the designer's own file with only the changed numbers
changed.

Contract: :func:`fitted_text` gives the text of the page spec file (its own text, not what
it extends) with the grid lines of every changed box (``at.line``, ``at.lines``) and the
lines of every changed headline area (``headline.lines``) and every changed box's blank
lines before its intertitles and body columns (``intertitle_space``, ``columns``: replaced
where it is written, else a line ``KEY: N`` added to the box above a key of its own line,
with the file's line ending, or the entry added at the head of a flow mapping) written anew,
and every other character as it was: comments, key order, alignment, quoting and line
endings are kept because the file is not re-serialised. The parser's events (the spec
loader's own parser) give where each value is written; the whole number there is replaced by
the new one in decimal (``0x12``, ``+18``, ``018``, ``!!int '18'`` are the numbers the loader
reads: their anchor is kept). A value reached through an alias (``headline: *h``), or one
whose anchor another value aliases, is written where that changes no other value: the
aliases whose value would no longer be the one wanted are written out in full, in flow
style (``headline: {lines: 5}``). The text written is read back by the spec loader and must
be the document wanted — so the fit never reports a change its file does not make, nor
makes one it does not report. Raises :class:`FitTextError` (file:line:column: key path:
message) when a changed box is not written in the page spec itself (its boxes come from a
file it extends: ``fit`` writes only the page spec) or a value cannot be written so.

:func:`renamed_paths` gives a page spec's or an edition file's text with the paths it names
of files a fit wrote anew (an edition's fit: the fitted edition and page specs, written
beside the originals) re-pointed at them — a page spec's ``extends`` and
``continues.spec``, an edition file's ``pages[].spec`` — the file name replaced where it is
written (quoted or plain), its folder and every other character kept.
"""

from __future__ import annotations

import json
import math
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from layout.errors import SourcePos, SpecError
from layout.fit.levers import Boundary, Columns, HeadlineLines, IntertitleSpace, Lever
from layout.spec.model import PageSpec
from layout.yamlsource import child_path, parse_yaml, source_events

# A node's properties before its value (YAML 1.2 §6.9): an anchor ``&name``, a tag ``!!int``.
_PROPERTY = re.compile(r"([&!])\S*\s+")
# A string written plain in a flow mapping (a key, a style name): anything else is quoted.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_NOT_PLAIN = frozenset({"null", "true", "false"})  # the core schema's words (§10.3.2)
# Where no page spec is named (a test's own text), errors name this.
_NO_FILE = Path("page spec")

# A value's place in the document: mapping keys and sequence indexes, root first.
Where = tuple[str | int, ...]


class FitTextError(SpecError):
    """The fitted spec cannot be written as the page spec's own text: ``str()`` names the
    place, ``front.yaml:26:5: boxes[1]: …``, or the page spec where no value has one."""


class _Kind(Enum):
    """What an event of the page spec's text writes at a place."""

    SCALAR = "scalar"
    MAPPING = "mapping"
    SEQUENCE = "sequence"
    ALIAS = "alias"  # ``*name``: the value is written at its anchor


@dataclass(frozen=True)
class _Node:
    """A value as written: its kind, where its text starts (its anchor or tag, if any) and
    ends (character offsets), whether a mapping is written in flow style, and a mapping's
    keys in order with where each is written."""

    kind: _Kind
    start: int
    end: int
    flow: bool = False
    keys: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class _Source:
    """The page spec's text, its value as the spec loader reads it (aliases expanded), and
    every value written in it by place (not the places inside an alias's expansion: those
    are written at the anchor)."""

    text: str
    file: Path
    value: Any
    nodes: Mapping[Where, _Node]

    @classmethod
    def of(cls, text: str, file: Path) -> _Source:
        return cls(text, file, _parsed(text, file), _scan(text, file))

    def pos(self, where: Where) -> SourcePos:
        """The place of the value at ``where`` (or of its nearest written ancestor)."""
        while where not in self.nodes and where:
            where = where[:-1]
        node = self.nodes.get(where)
        offset = node.start if node is not None else 0
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        if line == 1 and self.text.startswith("\ufeff"):
            column -= 1  # the loader's columns do not count the byte-order mark
        return SourcePos(self.file, line, column)

    def error(self, where: Where, message: str) -> FitTextError:
        return FitTextError(message, pos=self.pos(where), key_path=key_path(where))


def key_path(where: Where) -> str:
    """``("boxes", 2, "at", "lines")`` as the spec's errors name it: ``boxes[2].at.lines``."""
    path = ""
    for key in where:
        path = child_path(path, key)
    return path


def _parsed(text: str, file: Path) -> Any:
    try:
        return parse_yaml(text, file).value
    except SpecError as error:
        raise FitTextError(f"cannot be read again: {error.message}", pos=error.pos) from None


class _Open:
    """A mapping or sequence being scanned: its place, kind, start, style, the keys seen
    and the place of the value to come (a plain class: its key changes as entries come)."""

    __slots__ = ("where", "kind", "start", "flow", "keys", "key", "items")

    def __init__(self, where: Where, kind: _Kind, start: int, flow: bool) -> None:
        self.where, self.kind, self.start, self.flow = where, kind, start, flow
        self.keys: list[tuple[str, int]] = []
        self.key: str | None = None
        self.items = 0

    def next_place(self) -> Where:
        if self.kind is _Kind.SEQUENCE:
            self.items += 1
            return (*self.where, self.items - 1)
        assert self.key is not None
        key, self.key = self.key, None
        return (*self.where, key)


def _scan(text: str, file: Path) -> dict[Where, _Node]:
    """Every value written in ``text`` by place, from the parser's events (the loader's own
    parser: :func:`layout.yamlsource.source_events`)."""
    import yaml  # the loader has read the text already: PyYAML is loaded

    bom = 1 if text.startswith("\ufeff") else 0
    nodes: dict[Where, _Node] = {}
    stack: list[_Open] = []
    try:
        for event in source_events(text):
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                end = event.end_mark.index + bom
                nodes[done.where] = _Node(done.kind, done.start, end, done.flow, tuple(done.keys))
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            start, end = event.start_mark.index + bom, event.end_mark.index + bom
            top = stack[-1] if stack else None
            if top is not None and top.kind is _Kind.MAPPING and top.key is None:
                assert isinstance(event, yaml.ScalarEvent)  # the loader takes no other keys
                top.key = event.value
                top.keys.append((event.value, start))
                continue
            where = top.next_place() if top is not None else ()
            if isinstance(event, yaml.CollectionStartEvent):
                is_map = isinstance(event, yaml.MappingStartEvent)
                kind = _Kind.MAPPING if is_map else _Kind.SEQUENCE
                stack.append(_Open(where, kind, start, bool(event.flow_style)))
            elif isinstance(event, yaml.AliasEvent):
                nodes[where] = _Node(_Kind.ALIAS, start, end)
            else:
                nodes[where] = _Node(_Kind.SCALAR, start, end)
    except yaml.YAMLError as error:
        raise FitTextError(
            f"cannot be rewritten where its values are written ({error}): fit it after "
            "writing the text the loader repairs as the loader reads it",
            pos=SourcePos(file, 1, 1),
        ) from None
    return nodes


def fitted_text(
    text: str, fitted: PageSpec, changes: Iterable[Lever], *, file: Path | None = None
) -> str:
    """``text`` (the page spec file ``file``'s) with the values ``changes`` changed set to
    those of ``fitted``: each number replaced where it is written, a key not written added,
    and a value reached through an alias, or whose anchor another value aliases, written out
    where that keeps every other value as it was (see the module docstring)."""
    source = _Source.of(text, file or _NO_FILE)
    boxes = _box_places(source)
    edits: list[tuple[Where, int]] = []
    added: list[tuple[Where, int]] = []
    for box_id, keys in sorted(_changed_keys(changes).items()):
        at = boxes.get(box_id)
        if at is None:
            raise source.error(
                ("boxes",),
                f"box {box_id!r} is not written in the page spec (its boxes come from a file "
                "it extends): fit writes only the page spec's own text",
            )
        box = fitted.box(box_id)
        written = _get(source.value, at)
        for section, key in sorted(keys):
            if section == "":
                value = int(getattr(box, key))
                (edits if key in written else added).append(((*at, key), value))
                continue
            if not isinstance(written.get(section), dict) or key not in written[section]:
                raise source.error((*at, section), f"{section}.{key} is not written in the spec")
            edits.append(((*at, section, key), _value(box, section, key)))
    return _rewritten(source, edits, added)


def _box_places(source: _Source) -> dict[str, Where]:
    """Each box written in the page spec by id: its place (``("boxes", 2)``)."""
    doc = source.value
    found: dict[str, Where] = {}
    if isinstance(doc, dict) and isinstance(doc.get("boxes"), list):
        for index, item in enumerate(doc["boxes"]):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found[item["id"]] = ("boxes", index)
    return found


def _rewritten(
    source: _Source, edits: list[tuple[Where, int]], added: list[tuple[Where, int]]
) -> str:
    """The text with ``edits`` (a place and its new number) and ``added`` (a box's key not
    written, and its number) made. A number is written in decimal over the whole of its
    scalar (``0x12``, ``+18``, ``!!int '18'`` are numbers the spec reads: the scalar's anchor
    is kept, its tag and quotes go). A number at a place reached through an alias is not
    written at the anchor (that would change every value aliasing it): every alias whose
    value is then not the one wanted — the one reaching the changed number, or one aliasing
    an anchor whose number changed — is written out in full (flow style) with the values
    wanted. The text is read back and must give the document wanted, else nothing is
    returned (an error)."""
    wanted = _unshared(source.value)
    for where, value in (*edits, *added):
        _get(wanted, where[:-1])[where[-1]] = value
    replaced: list[tuple[int, int, str]] = []  # (start, end, text) of the source
    for where, value in edits:
        node = source.nodes.get(where)
        if node is not None and node.kind is _Kind.SCALAR:
            replaced.append(_number(source.text, node, value))
    replaced += [_added(source, where, value) for where, value in added]
    out = _replace(source.text, replaced)
    got = _parsed(out, source.file)
    if not _same(got, wanted):
        replaced += [
            (node.start, node.end, _flow(_get(wanted, where)))
            for where, node in source.nodes.items()
            if node.kind is _Kind.ALIAS and not _same(_get(got, where), _get(wanted, where))
        ]
        out = _replace(source.text, replaced)
    if not _same(_parsed(out, source.file), wanted):
        where = (edits or added)[0][0]
        raise source.error(
            where, "the fitted value cannot be written here without changing another"
        )
    return out


def _number(text: str, node: _Node, value: int) -> tuple[int, int, str]:
    """The scalar ``node`` written as the decimal ``value``: its anchor kept, a tag dropped."""
    written = text[node.start : node.end]
    anchors: list[str] = []
    at = 0
    while (found := _PROPERTY.match(written, at)) is not None:
        if found.group(1) == "&":
            anchors.append(found.group(0).rstrip())
        at = found.end()
    return node.start, node.end, " ".join([*anchors, str(value)])


def _added(source: _Source, where: Where, value: int) -> tuple[int, int, str]:
    """The box's key ``where[-1]`` (``columns``, ``intertitle_space``), not written, added:
    in a block mapping on a line of its own above the box's second key, at its indent, with
    the file's line ending there; in a flow mapping as its first entry."""
    box, key = where[:-1], where[-1]
    node = source.nodes.get(box)
    if node is None or node.kind is not _Kind.MAPPING:
        raise source.error(box, f"the box is not written as a mapping: no place to add {key}")
    if node.flow:
        at = node.keys[0][1]
        return at, at, f"{key}: {value}, "
    if len(node.keys) < 2:
        raise source.error(box, f"a box of one key: no line to add {key} beside")
    text = source.text
    at = node.keys[1][1]  # the first key follows the list's "- "
    line = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    ending = "\r\n" if text.startswith("\r\n", line - 2) else text[line - 1 : line] or "\n"
    return line, line, " " * (at - line) + f"{key}: {value}{ending}"


def _replace(text: str, replaced: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span replaced by its text; from the end backwards, so
    a replacement moves none of the offsets of the next."""
    for start, end, new in sorted(replaced, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _get(value: Any, where: Where) -> Any:
    for key in where:
        value = value[key]
    return value


def _unshared(value: Any) -> Any:
    """A copy of a loaded value with nothing shared (an alias's value is its anchor's own
    object in the loader's: a change made at one place would be made at both)."""
    if isinstance(value, dict):
        return {k: _unshared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unshared(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    """Whether two loaded values are the same document (``.nan`` the same as ``.nan``; a
    bool not the same as a number)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _flow(value: Any) -> str:
    """A loaded value written in YAML's flow style, as the spec loader reads it back (the
    caller checks that it does)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        return {math.inf: ".inf", -math.inf: "-.inf"}.get(value, repr(value))
    if isinstance(value, str):
        plain = _PLAIN.match(value) and value.lower() not in _NOT_PLAIN
        return value if plain else json.dumps(value, ensure_ascii=False)
    raise TypeError(f"not a loaded YAML value: {value!r}")


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
            raise FitTextError(
                f"expected the path {old!r}", pos=SourcePos(file, line + 1, column + 1)
            )
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
