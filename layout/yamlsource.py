"""YAML with source positions: the loader every input file goes through.

:func:`load_yaml` reads a file as UTF-8 and builds plain Python values from libyaml's event
stream, together with a map from key path (``boxes[2].at.column``; sequence indexes are
0-based) to the position of the value and of its key. Scalars are read by the rules of the
YAML 1.2 core schema (yaml.org/spec/1.2.2 §10.3.2), not PyYAML's YAML 1.1 ones: ``1:30`` is
the text "1:30" (not 90), ``014`` is 14 (not octal 12), ``yes``/``on`` are text, and a date is
text that the schema's date kind parses. Explicit tags are checked (``!!int abc`` is an error)
and tags on mappings and sequences are refused, never silently dropped. Aliases expand to at
most :data:`MAX_VALUES` values and nesting stops at :data:`MAX_DEPTH`, so a "billion laughs"
document or a deeply nested one fails at once with bounded memory. Duplicate keys, merge keys
and syntax errors are :class:`~layout.errors.SpecError` s with file:line:column. A UTF-16
surrogate pair written as two escapes in double quotes (``"\\ud83d\\ude00"``, as JSON writes
one) is the character it encodes, which libyaml refuses (:func:`_read_pairs`). For a scalar
whose value holds a line feed, :class:`Lines` tells where each of its lines is written and
which follow a blank line (a paragraph break in a body item, whatever the scalar's style).

Contract: :func:`load_yaml` / :func:`parse_yaml` return a :class:`YamlDoc` (the value, and
positions by key path) or raise one :class:`~layout.errors.SpecError`; they know no schema.
What the values must be is checked by :mod:`layout.schema`. :func:`load_yaml` returns the
same document for a file whose bytes are those it parsed before in the process, so a
document's values are never changed by those who read them (:func:`merge_docs` and
:func:`with_value` make new ones).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import math
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout.errors import SourcePos, SpecError, display_path, quoted

from .cachecheck import seal, unseal
from .output import cache_dir
from .records import NamedTuple

if TYPE_CHECKING:
    # PyYAML is imported where a document is parsed: a build whose every document is in the
    # cache (:func:`_stored`) never loads it (≈ 96 M instructions, 57 M of them its reader's
    # one regular expression, compiled at import).
    import yaml

# --------------------------------------------------------------------------- positioned YAML

# A spec or article record holds a few thousand values; aliases may share parts of it, but a
# document that expands beyond this is an attack or a mistake (YAML 1.2 §3.2.2.2 leaves the
# limit to the application, as safe loaders elsewhere do).
MAX_VALUES = 200_000
MAX_DEPTH = 64  # nesting of mappings and sequences; specs need about 6
# An error message quotes at most this many characters of a value.
EXCERPT = 60


def child_path(parent: str, key: object) -> str:
    """Key path of ``key`` inside ``parent``: ``a.b`` for mapping keys, ``a[0]`` for indexes."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else str(key)


class Comment(NamedTuple):
    """A comment written on the line of a plain scalar, after it (``- 话题 #城南# 下留言``):
    YAML ends the scalar at `` #``, so the text after it is not in the value."""

    pos: SourcePos  # of the ``#``
    text: str  # from the ``#`` to the line's end


class Lines(NamedTuple):
    """Where the lines of a scalar's value (``value.split("\\n")``) that holds a line feed
    begin in the file (empty where the source does not tell: an indentation indicator), and
    which of them follow a blank line written in a style that folds line breaks (plain,
    quoted, ``>``: YAML 1.2 §6.5, §8.1.3), where YAML keeps of the blank line only a line
    feed; a line feed written as an escape (``"…\\n…"``) is no blank line."""

    starts: tuple[SourcePos, ...]
    after_blank: tuple[int, ...] = ()


class YamlDoc(NamedTuple):
    """A loaded YAML file: the plain value plus positions by key path (root path ``""``)."""

    file: Path
    value: Any
    value_pos: Mapping[str, SourcePos]
    key_pos: Mapping[str, SourcePos]
    raw: Mapping[str, str]  # scalar source text by key path
    # Comments after plain scalars on their line, by the scalar's key path: the schema
    # knows which values are copy, where such a comment is text cut off (layout.articles).
    trailing: Mapping[str, Comment]
    # The scalars whose value holds a line feed, by key path: how their lines were written
    # (layout.articles splits a body item into the paragraphs written in it, by their lines).
    lines: Mapping[str, Lines]

    def pos(self, path: str) -> SourcePos:
        """Position of the value at ``path`` (or of the nearest existing ancestor)."""
        while True:
            if path in self.value_pos:
                return self.value_pos[path]
            if path in self.key_pos:
                return self.key_pos[path]
            if not path:
                return SourcePos(self.file, 1, 1)
            path = _parent_path(path)

    def key(self, path: str) -> SourcePos:
        """Position of the key naming ``path`` (falls back to :meth:`pos`)."""
        return self.key_pos.get(path) or self.pos(path)

    def error(
        self, path: str, message: str, *, expected: str | None = None, at_key: bool = False
    ) -> SpecError:
        pos = self.key(path) if at_key else self.pos(path)
        return SpecError(message, pos=pos, key_path=path, expected=expected)


def _parent_path(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""


# libyaml's parser where PyYAML has it (the same events and marks, several times faster).
def _mark_pos(file: Path, mark: yaml.Mark | None) -> SourcePos:
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


def cut_copy(
    doc: YamlDoc,
    copy: re.Pattern[str],
    errors: list[SpecError],
    what: Callable[[str], str] = lambda path: "text",
) -> None:
    """Report copy that YAML cut at a `` #`` (a hashtag, 微博话题 ``#城南图书角#``): the rest
    of the line is a comment (YAML 1.2 §6.6), so it would not be printed. ``copy`` matches
    the whole key path of a value printed as written (the caller's schema knows which: not
    ids, kinds, file names or numbers, where a note after the value is a comment as meant);
    ``what`` names the value at a path for the advice (a record's paragraph). An error, not
    a warning: the page would print the text cut short, and the writer meant none of it as
    a note. A comment written as one — ``# `` and a space, ``headline: 春季义诊  # 主题``,
    or a rule of marks (``##``, ``#--``, ``#（注）``) — is the file's own note, as YAML means
    it, and is left alone: a hashtag is a word, ``#`` and a letter, digit or 汉字."""
    for path, comment in doc.trailing.items():
        if not copy.match(path) or not comment.text[1:2].isalnum():
            continue
        errors.append(
            SpecError(
                f"the text after ' #' is read as a YAML comment and would not be printed: "
                f"{excerpt(comment.text)}; put the whole {what(path)} in quotes "
                f"('…'), or write the full-width ＃",
                pos=comment.pos,
                key_path=path,
                expected="text without ' #', or text in quotes",
            )
        )


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (never a whole file)."""
    if len(text) <= limit:
        return quoted(text)
    return quoted(text[:limit]) + f"… ({len(text)} characters)"


# -- YAML 1.2 core schema (yaml.org/spec/1.2.2 §10.3.2, "Tag Resolution")

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_NOT = object()  # "does not match this type"


def _core_int(text: str) -> Any:
    if _INT10.match(text):
        return int(text, 10)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    return _NOT


def _core_float(text: str) -> Any:
    if _FLOAT.match(text):
        return float(text)
    inf = _INF.match(text)
    if inf:
        return -math.inf if inf.group(1) == "-" else math.inf
    if _NAN.match(text):
        return math.nan
    return _NOT


def _core_plain(text: str) -> Any:
    """An untagged plain scalar by the core schema: null, bool, int, float, else text."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    number = _core_int(text)
    if number is _NOT:
        number = _core_float(text)
    return text if number is _NOT else number


def _timestamp(text: str) -> Any:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return _NOT


def _as_float(text: str) -> Any:
    number = _core_int(text)
    return float(number) if number is not _NOT else _core_float(text)


# Explicit scalar tags: how to read the text, and what it should have been.
_TAGGED: dict[str, tuple[Callable[[str], Any], str]] = {
    _CORE + "str": (lambda text: text, "text"),
    _CORE + "int": (_core_int, "an integer"),
    _CORE + "float": (_as_float, "a number"),
    _CORE + "bool": (lambda text: _BOOL.get(text, _NOT), "true or false"),
    _CORE + "null": (lambda text: None if _NULL.match(text) else _NOT, "null"),
    _CORE + "timestamp": (_timestamp, "a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SS"),
}
_COLLECTION_TAGS = {"map": _CORE + "map", "seq": _CORE + "seq"}


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Open:
    """A mapping or sequence being built, on the builder's stack (mutable: ``key`` changes as
    a mapping's entries come; a plain class, as a dataclass's methods cost a compile)."""

    __slots__ = ("path", "value", "anchor", "first_entry", "key")

    def __init__(
        self, path: str, value: dict[str, Any] | list[Any], anchor: str | None, first_entry: int
    ) -> None:
        self.path = path
        self.value = value
        self.anchor = anchor
        self.first_entry = first_entry  # index of its first entry in _Builder.entries
        self.key: str | None = None  # mappings: the key waiting for its value


class _Builder:
    """Plain values and positions from a YAML event stream, without recursion."""

    def __init__(self, file: Path, text: str, unmask: dict[int, str | None] | None) -> None:
        self.file = file
        # The text parsed: with the stand-ins of _NOT_BREAKS and the padding of surrogate
        # pairs read (_read_pairs), which ``unmask`` takes out of what is read (None: none).
        self.text = text
        self.unmask = unmask
        self.lines: list[str] | None = None  # of text, split when first needed
        # (table, path, item) in document order: table 0 value_pos, 1 key_pos, 2 raw text,
        # 3 trailing comments, 4 the Lines of a value with a line feed.
        # A node's entries are contiguous, so an alias can copy its anchor's under a new path.
        self.entries: list[tuple[int, str, Any]] = []
        self.anchors: dict[str, tuple[Any, str, int, int]] = {}  # value, path, entry span
        self.stack: list[_Open] = []
        self.keys: list[set[str]] = []
        self.count = 0
        self.root: Any = None
        self.documents = 0

    def error(self, message: str, mark: yaml.Mark | None, path: str = "") -> SpecError:
        return SpecError(message, pos=_mark_pos(self.file, mark), key_path=path)

    def feed(self, event: yaml.Event) -> None:
        import yaml  # loaded by parse_yaml (see the import under TYPE_CHECKING)

        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error(
                    "expected one YAML document, found a second (---)", event.start_mark
                )
            return
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.close(self.stack.pop())
            return
        if not isinstance(event, yaml.NodeEvent):
            return  # stream and document ends
        if self.unmask is not None and isinstance(event, yaml.ScalarEvent):
            event.value = event.value.translate(self.unmask)
        top = self.stack[-1] if self.stack else None
        if isinstance(top, _Open) and isinstance(top.value, dict) and top.key is None:
            self.take_key(top, event)
            return
        path = self.path_for(top)
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.too_many(event.start_mark, path)
        self.entries.append((0, path, _mark_pos(self.file, event.start_mark)))
        if isinstance(event, yaml.AliasEvent):
            self.place(top, self.alias(event, path))
        elif isinstance(event, yaml.ScalarEvent):
            first = len(self.entries) - 1  # its position's entry
            lines = Lines(())
            if event.style in _FOLDING and event.start_mark.line != event.end_mark.line:
                event.value, lines = self.refolded(event)
            elif event.style == "|":
                lines = Lines(self.literal_starts(event))
            self.entries.append((2, path, event.value))
            if "\n" in event.value:
                self.entries.append((4, path, lines))
            if event.style in (None, "") and event.value:  # plain: None in PyYAML, "" in libyaml
                self.trailing_comment(event, path)
            value = self.scalar(event, path)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, path, first, len(self.entries))
            self.place(top, value)
        else:
            self.open(event, path)

    def source_line(self, number: int) -> str:
        if self.lines is None:
            self.lines = _LINE_BREAK.split(self.text)
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def trailing_comment(self, event: yaml.ScalarEvent, path: str) -> None:
        """Note a comment after the plain scalar ``event`` on its last line, or, where none
        is there, on the line after it indented deeper than the scalar's first line: a
        wrapped line of copy that starts with ``#`` (``  #城南图书角#留言``) ends the scalar
        there, YAML reading the line as a comment."""
        end = event.end_mark
        found = _TRAILING.match(self.source_line(end.line), end.column)
        line = end.line
        if found is None:
            line = end.line + 1
            found = _WRAPPED_COMMENT.match(self.source_line(line))
            first = self.source_line(event.start_mark.line)
            indent = len(first) - len(first.lstrip(" "))
            if found is None or found.start(1) <= indent:
                return
        text = found.group(1)
        if self.unmask is not None:
            text = text.translate(self.unmask)
        pos = SourcePos(self.file, line + 1, found.start(1) + 1)
        self.entries.append((3, path, Comment(pos, text)))

    def refolded(self, event: yaml.ScalarEvent) -> tuple[str, Lines]:
        """The value of a scalar written on several lines, its folded line breaks read by
        the segment break rule (see :func:`_fold`), and where each of its lines begins; the
        parser's value, and no places, where the lines do not give it back by YAML's own
        folding (an escape, an indentation indicator)."""
        start, end = event.start_mark, event.end_mark
        lines = [self.source_line(n) for n in range(start.line, end.line + 1)]
        lines[-1] = lines[-1][: end.column]
        lines[0] = lines[0][start.column :]
        if self.unmask is not None:
            lines = [line.translate(self.unmask) for line in lines]
        if event.style == ">":
            folded = _refold_block(lines, event.value)
        else:
            folded = _refold_flow(lines, event.style or "", event.value)
        if folded is None:
            return event.value, Lines(())
        starts = tuple(
            _mark_pos(self.file, start)
            if row == 0 and event.style != ">"
            else self.line_start(start.line + row)
            for row in folded.rows
        )
        return folded.text, Lines(starts, folded.after_blank)

    def literal_starts(self, event: yaml.ScalarEvent) -> tuple[SourcePos, ...]:
        """Where each line of a literal block scalar's value begins: its content lines, one
        a line, follow the ``|`` header's line (YAML 1.2 §8.1.2)."""
        count = event.value.count("\n") + 1
        first = event.start_mark.line + 1
        if first + count - 1 > event.end_mark.line:
            return ()  # not as many lines as the value's (never, by §8.1.2): no places
        return tuple(self.line_start(first + k) for k in range(count))

    def line_start(self, line: int) -> SourcePos:
        """Where the text of ``line`` (from 0) begins, after its indentation."""
        source = self.source_line(line)
        return SourcePos(self.file, line + 1, len(source) - len(source.lstrip(" \t")) + 1)

    def path_on_line(self, line: int) -> str:
        """The key path of the first value that starts on ``line`` (from 0), or of the one
        the parser was reading when it stopped: where a syntax error on that line is."""
        source = self.source_line(line)
        on_line = [
            (path, item.column)
            for table, path, item in self.entries
            if table == 0 and item.line == line + 1
        ]
        for i, (path, column) in enumerate(on_line):
            # A block list starts at its first dash, where its first item is written too:
            # the item is meant, not the list.
            after = on_line[i + 1][0] if i + 1 < len(on_line) else None
            if not (source[column - 1 : column] == "-" and after == path + "[0]"):
                return path
        return self.reading()

    def reading(self) -> str:
        """The key path of the value the parser is reading (where it stopped, on an error):
        the next item of the list or the value of the key open, or the mapping whose key it
        is reading."""
        top = self.stack[-1] if self.stack else None
        if top is None or isinstance(top.value, dict) and top.key is None:
            return top.path if top is not None else ""
        return self.path_for(top)

    def path_for(self, top: _Open | None) -> str:
        if top is None:
            return ""
        if isinstance(top.value, list):
            return child_path(top.path, len(top.value))
        return child_path(top.path, top.key)

    def take_key(self, top: _Open, event: yaml.NodeEvent) -> None:
        import yaml

        if not isinstance(event, yaml.ScalarEvent):
            raise self.error("mapping keys must be plain scalars", event.start_mark, top.path)
        key = event.value  # keys stay text, as written
        if key == "<<" and event.implicit[0]:
            raise self.error("merge keys (<<) are not supported", event.start_mark, top.path)
        sub = child_path(top.path, key)
        if key in top.value:
            first = next(item for table, p, item in self.entries if table == 1 and p == sub)
            raise self.error(
                f"duplicate key {excerpt(key)} (first at line {first.line})", event.start_mark, sub
            )
        self.entries.append((1, sub, _mark_pos(self.file, event.start_mark)))
        top.key = key

    def open(self, event: yaml.CollectionStartEvent, path: str) -> None:
        import yaml

        is_map = isinstance(event, yaml.MappingStartEvent)
        expected = _COLLECTION_TAGS["map" if is_map else "seq"]
        if event.tag not in (None, "!", expected):
            what = "a mapping" if is_map else "a list"
            raise self.error(
                f"tag {_short_tag(event.tag)} on {what} is not supported: write it without the tag",
                event.start_mark,
                path,
            )
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        value: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Open(path, value, event.anchor, len(self.entries) - 1))

    def close(self, node: _Open) -> None:
        if node.anchor is not None:
            self.anchors[node.anchor] = (node.value, node.path, node.first_entry, len(self.entries))
        self.place(self.stack[-1] if self.stack else None, node.value)

    def place(self, top: _Open | None, value: Any) -> None:
        if top is None:
            self.root = value
        elif isinstance(top.value, list):
            top.value.append(value)
        else:
            assert top.key is not None
            top.value[top.key] = value
            top.key = None

    def alias(self, event: yaml.AliasEvent, path: str) -> Any:
        found = self.anchors.get(event.anchor)
        if found is None:
            if any(node.anchor == event.anchor for node in self.stack):
                raise self.error(
                    f"alias *{event.anchor} refers to a value that contains it",
                    event.start_mark,
                    path,
                )
            raise self.error(f"unknown alias *{event.anchor}", event.start_mark, path)
        value, origin, first, end = found
        # The copied positions point at the anchored original, where the text is written.
        self.entries[-1] = (0, path, self.entries[first][2])  # where the original is written
        self.count += end - first
        if self.count > MAX_VALUES:
            raise self.too_many(event.start_mark, path)
        for table, sub, item in self.entries[first + 1 : end]:
            self.entries.append((table, path + sub[len(origin) :], item))
        return value

    def too_many(self, mark: yaml.Mark | None, path: str) -> SpecError:
        return self.error(
            f"the document expands to more than {MAX_VALUES:,} values through aliases (*name)",
            mark,
            path,
        )

    def scalar(self, event: yaml.ScalarEvent, path: str) -> Any:
        text = event.value
        if event.tag is None and event.implicit[0]:
            try:
                return _core_plain(text)
            except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
                raise self.error(
                    f"a number of {len(text)} digits is out of range", event.start_mark, path
                ) from None
        if event.tag in (None, "!"):
            return text  # quoted, or the non-specific tag "!": text
        read = _TAGGED.get(event.tag)
        tag = _short_tag(event.tag)
        if read is None:
            known = ", ".join(_short_tag(t) for t in _TAGGED)
            raise self.error(f"unknown tag {tag} (tags read: {known})", event.start_mark, path)
        parse, what = read
        try:
            value = parse(text)
        except ValueError:  # more digits than Python converts
            value = _NOT
        if value is _NOT:
            raise self.error(f"{tag}: expected {what}, got {excerpt(text)}", event.start_mark, path)
        return value

    def doc(self) -> YamlDoc:
        tables: tuple[dict[str, Any], ...] = ({}, {}, {}, {}, {})
        for table, path, item in self.entries:
            tables[table].setdefault(path, item)
        if not tables[0]:
            tables[0][""] = SourcePos(self.file, 1, 1)
        return YamlDoc(self.file, self.root, *tables)


# -- folded line breaks

# The scalar styles whose line breaks YAML folds into spaces (yaml.org/spec/1.2.2 §6.5,
# §8.1.3): plain (None in PyYAML's events, "" in libyaml's), quoted, and folded blocks.
_FOLDING = (None, "", "'", '"', ">")
_BLOCK_HEADER = re.compile(r">([+-]?)[ \t]*(?:#.*)?\Z")


class _Folded(NamedTuple):
    """Lines folded as YAML folds them: the text, the line (index into the lines given)
    where each line of the text begins, and the lines of the text that follow a blank line
    written in the source (by their index in ``text.split("\\n")``)."""

    text: str
    rows: tuple[int, ...]
    after_blank: tuple[int, ...]


def _fold(
    lines: list[str],
    *,
    spaced: bool = False,
    wide: bool = False,
    joined: frozenset[int] = frozenset(),
) -> _Folded | None:
    """``lines`` (of a scalar's content, their indentation and the white space at their
    breaks removed) joined as YAML folds them: a single line break between two lines is a
    space, ``n`` + 1 breaks are ``n`` newlines; in a folded block (``spaced``) the breaks
    around a more-indented line stay. With ``wide``, a single break between two East Asian
    wide characters is removed instead (CSS Text 3 §4.1.2, the rule the text engine applies
    to a ``|`` block's breaks): a hard wrap pasted into Chinese copy, ``日前`` / ``全部开放``,
    is no ½-em space. ``joined``: the lines that go on the line before with nothing between
    (an escaped line break, ``\\`` at that line's end, YAML 1.2 §7.3.1). None where empty
    lines end the lines (then the parser's value stands)."""
    from layout.text.clean import removes_segment_break  # once a multi-line scalar is read

    out = [lines[0]]
    rows = [0] * (lines[0].count("\n") + 1)  # a line may hold escaped line feeds
    after_blank = []
    empty = 0
    for row, line in enumerate(lines[1:], 1):
        if not line and row not in joined:
            empty += 1
            continue
        previous = out[-1]  # the line before (out ends with a line)
        breaks = 0
        if row in joined:
            if empty:
                return None  # empty lines after an escaped line break: the parser's value
        elif spaced and (line[:1] in (" ", "\t") or previous[:1] in (" ", "\t")):
            breaks = empty + 1
        elif empty:
            breaks = empty
        elif wide and previous and line and removes_segment_break(previous[-1], line[0]):
            out.append("")
        else:
            out.append(" ")
        if breaks:
            out.append("\n" * breaks)
            # The empty lines of the text are the empty lines before this one.
            rows += range(row - breaks + 1, row + 1)
            if empty:
                after_blank.append(len(rows) - 1)
        out.append(line)
        rows += [row] * line.count("\n")
        empty = 0
    return None if empty else _Folded("".join(out), tuple(rows), tuple(after_blank))


# The escapes of a double-quoted scalar (YAML 1.2 §5.7) and the characters they stand for;
# \x, \u and \U take two, four and eight hex digits.
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPE = {"x": 2, "u": 4, "U": 8}
_ESCAPE = re.compile(r"\\(?:([xuU])([0-9A-Fa-f]*)|(.))", re.DOTALL)


def _unescaped(line: str) -> str | None:
    """A line of a double-quoted scalar with its escapes read (YAML 1.2 §5.7); None for one
    the parser reads otherwise (an escape it refuses)."""
    failed = False

    def one(found: re.Match[str]) -> str:
        nonlocal failed
        kind, digits, single = found.groups()
        if kind is not None:
            size = _HEX_ESCAPE[kind]
            code = int(digits[:size], 16) if len(digits) >= size else -1
            if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                failed = True
                return ""
            return chr(code) + digits[size:]
        if single not in _ESCAPES:
            failed = True
            return ""
        return _ESCAPES[single]

    text = _ESCAPE.sub(one, line)
    return None if failed else text


def _quoted_content(lines: list[str]) -> tuple[list[str], frozenset[int]] | None:
    """The lines of a double-quoted scalar (its quotes taken off) as the fold reads them:
    the white space at the breaks removed (YAML 1.2 §7.3.1; an escaped blank at a line's end
    is kept), the escapes read, and the lines that go on the line before with nothing
    between (an escaped line break). None where they cannot be read so."""
    content = []
    joined = set()
    last = len(lines) - 1
    for i, line in enumerate(lines):
        text = line if i == 0 else line.lstrip(" \t")
        if i < last:
            kept = text.rstrip(" \t")
            slashes = len(kept) - len(kept.rstrip("\\"))
            if slashes % 2 and kept != text:
                return None  # "\ " at the line's end: an escaped blank or a break, unsure
            if slashes % 2:
                kept = kept[:-1]  # an escaped line break: the next line goes on this one
                joined.add(i + 1)
            text = kept
        read = _unescaped(text)
        if read is None:
            return None
        content.append(read)
    return content, frozenset(joined)


def _refold_flow(lines: list[str], style: str, value: str) -> _Folded | None:
    """A plain or quoted scalar's value from its source ``lines`` (from its first character
    to its last), or None where they do not give it (an escape the parser reads otherwise)."""
    joined: frozenset[int] = frozenset()
    if style:
        lines = [lines[0][1:], *lines[1:-1], lines[-1][:-1]]  # the quotes
        if style == "'":
            lines = [line.replace("''", "'") for line in lines]
    if style == '"' and any("\\" in line for line in lines):
        quoted = _quoted_content(lines)
        if quoted is None:
            return None
        content, joined = quoted
    else:
        last = len(lines) - 1
        content = [
            line.rstrip(" \t") if i == 0 else line.lstrip(" \t") if i == last else line.strip(" \t")
            for i, line in enumerate(lines)
        ]
    plain = _fold(content, joined=joined)
    if plain is None or plain.text != value:
        return None
    return _fold(content, wide=True, joined=joined) or plain


def _refold_block(lines: list[str], value: str) -> _Folded | None:
    """A folded block scalar's value from its source ``lines`` (the ``>`` header, then its
    content), or None where they do not give it (an indentation indicator). Its rows count
    from the header's line."""
    if not _BLOCK_HEADER.match(lines[0]):
        return None
    content = [line.rstrip("\n") for line in lines[1:]]
    indent = next((len(line) - len(line.lstrip(" ")) for line in content if line.strip()), 0)
    content = [line[indent:] if line.strip() else "" for line in content]
    while content and not content[-1]:
        content.pop()
    skipped = 0
    while content and not content[0]:  # leading empty lines are newlines, not folded
        content.pop(0)
        skipped += 1
    body = value.rstrip("\n")
    lead = len(body) - len(body.lstrip("\n"))
    plain = _fold(content, spaced=True) if content else None
    if plain is None or plain.text != body[lead:]:
        return None
    folded = _fold(content, spaced=True, wide=True)
    if folded is None:
        return None
    # Rows from the header: the leading empty lines, then the content's; the value's
    # trailing line feeds are of the lines after its last.
    rows = [*range(1, lead + 1), *(1 + skipped + row for row in folded.rows)]
    last = rows[-1]
    rows += range(last + 1, last + 1 + value.count("\n") - body.count("\n"))
    after_blank = tuple(lead + k for k in folded.after_blank)
    return _Folded(body[:lead] + folded.text + value[len(body) :], tuple(rows), after_blank)


# -- copy YAML misreads

# A value's text on its line: after the indentation, the list dashes and a key (the keys
# of banmian's files are ASCII words; a Chinese "key" is copy: ``- 记者: 林言``).
_LINE_VALUE = re.compile(r"[ \t]*((?:-[ \t]+)*(?:[A-Za-z_][\w-]*:[ \t]+)?)(.*)")


def _misread_copy(line: str) -> tuple[str, str] | None:
    """The lead (``- `` or ``caption: ``) and the text of ``line``'s value if it is copy
    that YAML reads as syntax: text that starts with ``"``, ``'``, ``[`` or ``{``
    (``"十四五"期间``), or holds ``: `` (``问: 怎么办? 答: 这样办。``); else None."""
    found = _LINE_VALUE.match(line)
    if found is None:
        return None
    written = found.group(2).rstrip()
    if written[:1] in ('"', "'", "[", "{") or ": " in written or written.endswith(":"):
        return found.group(1).lstrip("- \t") or "- ", written
    return None


def _cut_before(text: str, line: int) -> bool:
    """Line ``line`` (from 0) goes on a text that a `` #`` cut on the line before: ``- 网友
    #话题`` then ``  下留言``, which YAML cannot read once the comment ended the text."""
    if line == 0:
        return False
    before = _LINE_VALUE.match(_line(text, line - 1))
    written = before.group(2) if before else ""
    cut = re.search(r"[ \t]#", written)
    if cut is None or written[:1] in ('"', "'", "|", ">") or written[: cut.start()].isascii():
        return False
    here = _line(text, line)
    indent = len(here) - len(here.lstrip(" "))
    return indent > before.start(2) - len(before.group(1)) and not here.lstrip().startswith("-")


def quoting_hint(path: str, written: str, lead: str = "- ") -> str:
    """How to write ``written``, copy that YAML misreads, at ``path`` (``lead`` its list
    dash or key, for the example): in quotes, or with the full-width marks that Chinese
    copy uses anyway (GB/T 15834 §4.1 quotation marks, §4.7 colon)."""
    shown = written if len(written) <= 16 else written[:16] + "…"
    if "'" in shown and '"' not in shown:
        quoted = f'"{shown}"'
    else:
        quoted = "'" + shown.replace("'", "''") + "'"
    what = "a paragraph" if re.fullmatch(r"body\[\d+\]", path) else "text"
    return (
        f"{what} that starts with \", ', [ or {{ or holds ': ' must be written in quotes "
        f"(or with the full-width “ ” ： ), e.g. {lead}{quoted}"
    )


def _syntax_error(
    file: Path, exc: yaml.YAMLError, text: str, builder: _Builder | None = None
) -> SpecError:
    if isinstance(getattr(exc, "position", None), int) and hasattr(exc, "character"):
        return _unreadable_character(file, exc, text)  # a ReaderError: it has no mark
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    message = f"YAML syntax error: {problem}"
    if context:
        if context_mark is not None and context_mark is not mark:
            context += f" started at line {context_mark.line + 1}"
        message += f" ({context})"
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        message += "; YAML is indented with spaces, not tabs"
    elif mark is not None and "\ufeff" in _line(text, mark.line):
        message += "; an invisible byte-order mark (U+FEFF) stands on this line: delete it"
    elif mark is not None and builder is not None and _cut_before(text, mark.line):
        message += (
            f"; the ' #' on line {mark.line} starts a YAML comment, which ends the text "
            "before this line: put the whole paragraph in quotes ('…'), or write the "
            "full-width ＃"
        )
        return SpecError(
            message, pos=_mark_pos(file, mark), key_path=builder.path_on_line(mark.line - 1)
        )
    elif mark is not None and builder is not None and "quoted scalar" in (context or ""):
        # In text already quoted: the quotes are no advice. A backslash in double quotes
        # starts an escape (YAML 1.2 §5.7), which a Windows path or a typed \ is not.
        if text[mark.index : mark.index + 1] != '"' and "\\" in _line(text, mark.line):
            message += (
                "; in double quotes a backslash starts an escape (\\n, \\x41, \\u4E2D, "
                "\\U0002A6A5): write a backslash itself as \\\\, or put the text in single "
                "quotes ('…'), where it is a backslash"
            )
        return SpecError(message, pos=_mark_pos(file, mark), key_path=builder.reading())
    elif mark is not None and builder is not None:
        misread = _misread_copy(_line(text, mark.line))
        if misread is not None:
            lead, written = misread
            path = builder.path_on_line(mark.line)
            message += "; " + quoting_hint(path, written, lead)
            return SpecError(message, pos=_mark_pos(file, mark), key_path=path)
    return SpecError(message, pos=_mark_pos(file, mark))


def _unreadable_character(file: Path, exc: Any, text: str) -> SpecError:
    """A character YAML does not allow (a control character pasted into the copy) at its
    line and column. The reader gives its offset: in characters (PyYAML's) or in the UTF-8
    bytes (libyaml's)."""
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    index = exc.position
    if text[index : index + 1] != chr(code):
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "replace"))
    before = text[:index]
    line = len(_LINE_BREAK.findall(before)) + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    what = "a control character" if code < 0x20 or 0x7F <= code < 0xA0 else "the character"
    return SpecError(
        f"YAML syntax error: {what} U+{code:04X} is not allowed in YAML text (pasted from "
        "another program? delete it, or write it as an escape in double quotes)",
        pos=SourcePos(file, line, index - start + 1),
    )


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What follows a plain scalar on its line when a comment does (YAML 1.2 §6.6: a comment
# starts with # after white space).
_TRAILING = re.compile(r"[ \t]+(#.*)")
_WRAPPED_COMMENT = re.compile(r"[ \t]*(#.*)")  # a whole line of comment, after its indent


def _line(text: str, number: int) -> str:
    """Line ``number`` (from 0) of ``text``, as YAML counts lines ("" past the end)."""
    lines = _LINE_BREAK.split(text)
    return lines[number] if 0 <= number < len(lines) else ""


def _events(text: str) -> Iterable[yaml.Event]:
    import yaml

    return yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def source_events(text: str) -> Iterable[yaml.Event]:
    """The parser's events of ``text`` as :func:`parse_yaml` parses it (NEL, LINE SEPARATOR
    and PARAGRAPH SEPARATOR not line breaks), for a caller that rewrites the text where its
    values are written: each mark's ``index`` is a character offset into ``text`` without
    its byte-order mark. Raises ``yaml.YAMLError`` for text :func:`parse_yaml` reads only by
    its repairs (a surrogate pair written as two escapes)."""
    text = text.removeprefix("\ufeff")
    if not any(c in text for c in _STAND_INS):
        text = text.translate(_MASK)  # one character for one: the offsets stay
    return _events(text)


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to PyYAML and libyaml (YAML 1.1),
# not to YAML 1.2 (§5.4) nor to an editor, where they are invisible characters of a line
# (pasted from a web page or a word processor). Read as breaks, they would fold into spaces
# and put every later line number one off; so they are parsed as stand-ins, noncharacters
# (Unicode §23.7) that no copy holds, and put back in the text read.
_NOT_BREAKS = "\u0085\u2028\u2029"
_STAND_INS = "\ufdd0\ufdd1\ufdd2"
_MASK = str.maketrans(_NOT_BREAKS, _STAND_INS)
_UNMASK = str.maketrans(_STAND_INS, _NOT_BREAKS)

# A UTF-16 surrogate pair written as two escapes (``"\\ud83d\\ude00"``, as JSON writes a
# character beyond the BMP: RFC 8259 §7) is the one character it encodes, as YAML 1.2 §5.7
# reads JSON's escapes; libyaml refuses each half. The pair is parsed as the escape of that
# character (``\\U0001F600``) and two characters of padding, so that every later column of
# the line stays where it is written: a noncharacter (Unicode §23.7) that no copy holds,
# taken out of what is read.
_PAD = "\ufdd3"
_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_SURROGATE = re.compile(r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")
_BAD_ESCAPE = "found invalid Unicode character escape code"


def _read_pairs(file: Path, text: str, exc: Any, builder: _Builder) -> str | None:
    """``text`` with the surrogate pairs of the double-quoted scalar where the parser
    stopped at a Unicode escape (``exc``) written as their characters' escapes (and
    padding); None when that escape is no half of a pair (another error). A lone half
    (``\\ud800``) is no character: a SpecError at it."""
    mark, start = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    if getattr(exc, "problem", None) != _BAD_ESCAPE or mark is None or start is None:
        return None
    breaks = [m.end() for m in _LINE_BREAK.finditer(text)]
    offset = (breaks[start.line - 1] if start.line else 0) + start.column
    end = _quoted_end(text, offset)
    scalar = text[offset:end]
    read = _PAIR.sub(lambda m: f"\\U{_pair_code(m):08X}{_PAD * 2}", scalar)
    lone = _SURROGATE.search(read)
    if lone is not None:
        at = offset + lone.start()
        line = bisect_right(breaks, at)
        column = at - (breaks[line - 1] if line else 0) + 1
        line += 1
        written = lone.group()
        raise SpecError(
            f"YAML syntax error: the escape {written} is half of a UTF-16 surrogate pair, "
            "no character: write the whole pair (a high \\uD800–\\uDBFF then a low "
            "\\uDC00–\\uDFFF, as JSON writes 😀: \\ud83d\\ude00), or the character's own "
            "escape (\\U0001F600) or the character itself",
            pos=SourcePos(file, line, column),
            key_path=builder.reading(),
        )
    if read == scalar:
        return None
    return text[:offset] + read + text[end:]


def _pair_code(pair: re.Match[str]) -> int:
    high, low = int(pair.group(1), 16), int(pair.group(2), 16)
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)


def _quoted_end(text: str, start: int) -> int:
    """The end of the double-quoted scalar whose opening quote is at ``start``: after the
    first quote not escaped (the text's end when there is none)."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        else:
            i += 1
    return len(text)


def parse_yaml(text: str, file: Path) -> YamlDoc:
    """Parse ``text`` (the contents of ``file``) into a :class:`YamlDoc`; raises SpecError."""
    import yaml

    text = text.removeprefix("\ufeff")
    masked = any(c in text for c in _NOT_BREAKS) and not any(c in text for c in _STAND_INS)
    if masked:
        text = text.translate(_MASK)
    unmask = _UNMASK if masked else None
    while True:
        builder = _Builder(file, text, unmask)
        try:
            for event in _events(text):
                builder.feed(event)
            return builder.doc()
        except yaml.YAMLError as exc:
            read = (
                None if _PAD in text and unmask is None else _read_pairs(file, text, exc, builder)
            )
            if read is None or _PAD in text and unmask is None:
                raise _syntax_error(file, exc, text, builder) from None
            # Parsed again with these pairs read (once for each scalar that holds some).
            text = read
            unmask = {**(unmask or {}), ord(_PAD): None}


def _undecodable(file: Path, data: bytes, exc: UnicodeDecodeError) -> SpecError:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Notepad's "Unicode": the file starts with UTF-16's byte-order mark.
        return SpecError(
            "UTF-16 text, not UTF-8 (save the file as UTF-8)", pos=SourcePos(file, 1, 1)
        )
    hint = ""
    with contextlib.suppress(UnicodeDecodeError):
        data.decode("gb18030")
        hint = " (it may be GBK/GB 18030, the Chinese Windows encoding: save it as UTF-8)"
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    bad = data[exc.start : exc.start + 1]
    return SpecError(
        f"not UTF-8 text: byte 0x{bad.hex()} cannot be read"
        + (hint or " (save the file as UTF-8)"),
        pos=SourcePos(file, line, column),
    )


def load_yaml(path: Path | str) -> YamlDoc:
    """Read and parse a YAML file; a missing file or bad YAML raises SpecError."""
    file = Path(os.path.normpath(path))
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise SpecError(f"{display_path(file)}: file does not exist") from None
    except IsADirectoryError:
        raise SpecError(f"{display_path(file)}: is a folder, not a YAML file") from None
    except OSError as exc:
        raise SpecError(f"{display_path(file)}: cannot read: {exc.strerror or exc}") from None
    return _parsed(file, data)


@lru_cache(maxsize=128)
def _parsed(file: Path, data: bytes) -> YamlDoc:
    """The document of ``file`` whose bytes are ``data``: parsed once per process while the
    file's bytes stay the same (``watch`` rebuilds a page after one article changed; the
    spec, the edition and the other records are not parsed again), and taken from the cache
    where an earlier process parsed the same bytes (:func:`_stored`). Errors are not kept."""
    kept = _kept(data)
    if kept is not None:
        doc = _stored(kept, file)
        if doc is not None:
            return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(file, data, exc) from None
    doc = parse_yaml(text, file)
    if kept is not None:
        _store(kept, doc)
    return doc


# --------------------------------------------------------------------------- the cache

# A parsed document is kept in the cache (``yaml/<digest>`` in :func:`layout.output.cache_dir`),
# so that a later process reads it back instead of parsing — and never loads PyYAML when all
# its documents are there (see the import under TYPE_CHECKING). The digest is of the file's
# bytes and of what makes the document of them: this module's source, PyYAML's installed
# files, :data:`_STORE_FORMAT` (bump it when the stored form changes). The file's name is not
# in it: the positions are stored as line and column and given the file that is read. The
# entry is ``marshal``'s (plain values only, as the document holds; the cache is the user's
# own, as Python's ``__pycache__`` is), sealed with its length and CRC-32
# (:func:`layout.cachecheck.seal`): one that cannot be read, fails its CRC-32 (damaged or
# edited in place, which could change the copy printed) or does not unpack is parsed again
# and written over. A document holding what marshal cannot keep (a ``!!timestamp``'s
# date) is not kept.
# 5: sealed with a CRC-32 (layout.cachecheck); 6: where each line of a value with a line
# feed begins, and which follow a blank line
_STORE_FORMAT = b"banmian-yaml-6"


@cache  # once a process: the identity of the code that parses
def _parser_identity() -> bytes | None:
    """This module's source and PyYAML's installed files, as bytes to digest; None when they
    cannot be read (then no document is kept)."""
    try:
        source = Path(__file__).read_bytes()
        spec = importlib.util.find_spec("yaml")
        if spec is None or spec.origin is None:
            return None
        installed = os.stat(spec.origin)
    except (OSError, ImportError, ValueError):
        return None
    stamp = f"{spec.origin}\0{installed.st_size}\0{installed.st_mtime_ns}"
    return b"\0".join((_STORE_FORMAT, hashlib.sha256(source).digest(), stamp.encode()))


def _kept(data: bytes) -> Path | None:
    """Where the document of ``data`` is kept in the cache; None: documents are not kept."""
    identity = _parser_identity()
    if identity is None:
        return None
    digest = hashlib.sha256(identity + b"\0" + data).hexdigest()[:32]
    return cache_dir() / "yaml" / digest


def _stored(kept: Path, file: Path) -> YamlDoc | None:
    """The document kept at ``kept``, its positions in ``file``; None when there is none or
    it cannot be read back."""
    try:
        entry = unseal(kept.read_bytes())
    except OSError:
        return None
    if entry is None:
        return None  # damaged since it was written (its CRC-32): parsed again, written over
    try:
        form, value, value_at, key_at, raw, trailing_at, lines_at = marshal.loads(entry)
        if form != _STORE_FORMAT:
            return None
        value_pos = {
            path: SourcePos(file, line, column) for path, (line, column) in value_at.items()
        }
        key_pos = {path: SourcePos(file, line, column) for path, (line, column) in key_at.items()}
        trailing = {
            path: Comment(SourcePos(file, line, column), text)
            for path, (line, column, text) in trailing_at.items()
        }
        lines = {
            path: Lines(tuple(SourcePos(file, line, column) for line, column in starts), blank)
            for path, (starts, blank) in lines_at.items()
        }
    except (EOFError, ValueError, TypeError, AttributeError):  # damaged, or not an entry
        return None
    return YamlDoc(file, value, value_pos, key_pos, raw, trailing, lines)


def _store(kept: Path, doc: YamlDoc) -> None:
    """Keep ``doc`` at ``kept`` for later processes; a cache that cannot be written is no
    error (the file is parsed again next time)."""
    try:
        entry = marshal.dumps(
            (
                _STORE_FORMAT,
                doc.value,
                {path: (pos.line, pos.column) for path, pos in doc.value_pos.items()},
                {path: (pos.line, pos.column) for path, pos in doc.key_pos.items()},
                dict(doc.raw),
                {path: (c.pos.line, c.pos.column, c.text) for path, c in doc.trailing.items()},
                {
                    path: (tuple((pos.line, pos.column) for pos in lines.starts), lines.after_blank)
                    for path, lines in doc.lines.items()
                },
            )
        )
    except ValueError:  # a value marshal cannot hold (a date): not kept
        return
    # Written under a name of this process's, then renamed: a reader sees a whole entry or
    # none (no fsync: an entry lost or damaged in a power cut is only parsed again).
    temporary = kept.with_name(f".{kept.name}.{os.getpid()}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(seal(entry))
        os.replace(temporary, kept)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


# --------------------------------------------------------------------------- shared parts


_STEP = re.compile(r"[.\[]")  # where a key path goes one level down: a.b, a[0]


def _within(path: str, prefixes: frozenset[str]) -> bool:
    """``path`` is one of ``prefixes`` or inside one (``a.b`` and ``a.b[0].c`` are inside
    ``a.b``; ``""`` holds every path): its own ancestors looked up, not every prefix tried."""
    if "" in prefixes or path in prefixes:
        return True
    return any(path[: m.start()] in prefixes for m in _STEP.finditer(path))


def _head(path: str) -> str:
    """The first step of a key path: ``a`` of ``a.b`` and of ``a[0].c``."""
    return path.partition(".")[0].partition("[")[0]


def merge_docs(base: YamlDoc, over: YamlDoc, *, leave: Iterable[str] = ()) -> YamlDoc:
    """``over`` (a page spec) on top of ``base`` (the shared file it extends), as one
    document named ``over.file``. Mappings merge key by key, at every depth, ``over``'s value
    winning; a list or scalar of ``over`` replaces ``base``'s whole (a page's boxes are its
    own). The top-level keys ``leave`` of ``base`` are not taken. Every value keeps the
    position where it is written, so an error in a value taken from ``base`` names
    ``base``'s file, line and column (and the key path, the same in both)."""
    taken: list[str] = []  # key paths whose value comes whole from base

    def merge(b: Any, o: Any, path: str) -> Any:
        if not (isinstance(b, dict) and isinstance(o, dict)):
            return o
        out: dict[str, Any] = {}
        for key, value in b.items():
            if path or key not in leave:
                out[key] = value
        for key, value in o.items():
            sub = child_path(path, key)
            out[key] = merge(out[key], value, sub) if key in out else value
        for key in out:
            if key not in o:
                taken.append(child_path(path, key))
        return out

    value = merge(base.value, over.value, "")

    whole = frozenset(taken)
    # The first step of every path taken whole: a path of ``base`` whose first step is none
    # of them is inside none of them (most of a shared file's positions, its list of pages
    # among them, are turned away by this one look-up).
    heads = None if "" in whole else frozenset(_head(p) for p in whole)

    def table(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
        out = {p: item for p, item in mine.items()}
        for p, item in theirs.items():
            if (heads is None or _head(p) in heads) and _within(p, whole):
                out.setdefault(p, item)
        return out

    if not isinstance(value, dict) or not isinstance(base.value, dict):
        return over
    return YamlDoc(
        over.file,
        value,
        table(over.value_pos, base.value_pos),
        table(over.key_pos, base.key_pos),
        table(over.raw, base.raw),
        table(over.trailing, base.trailing),
        table(over.lines, base.lines),
    )


def with_value(doc: YamlDoc, path: str, value: Any, pos: SourcePos) -> YamlDoc:
    """``doc`` with the scalar at ``path`` (a key of a mapping that exists) set to ``value``,
    written at ``pos`` (another file's place: the value is given there)."""
    parent_path, _, key = path.rpartition(".")
    root = _copy_to(doc.value, parent_path)
    node: Any = root
    for part in parent_path.split(".") if parent_path else ():
        node = node[part]
    node[key] = value
    value_pos = {**doc.value_pos, path: pos}
    key_pos = {**doc.key_pos, path: pos}
    raw = {p: t for p, t in doc.raw.items() if p != path}
    trailing = {p: c for p, c in doc.trailing.items() if p != path}
    lines = {p: given for p, given in doc.lines.items() if p != path}
    return YamlDoc(doc.file, root, value_pos, key_pos, raw, trailing, lines)


def _copy_to(value: Any, path: str) -> Any:
    """A copy of ``value`` with the mappings on ``path`` (dotted keys) copied, the rest
    shared: so a value set along ``path`` changes no other document."""
    root = dict(value)
    node = root
    for part in path.split(".") if path else ():
        node[part] = dict(node[part])
        node = node[part]
    return root
