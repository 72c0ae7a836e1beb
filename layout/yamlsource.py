"""YAML with source positions, and a small declarative schema checker.

:func:`load_yaml` reads a file as UTF-8 and builds plain Python values from libyaml's event
stream, together with a map from key path (``boxes[2].at.column``; sequence indexes are
0-based) to the position of the value and of its key. Scalars are read by the rules of the
YAML 1.2 core schema (yaml.org/spec/1.2.2 §10.3.2), not PyYAML's YAML 1.1 ones: ``1:30`` is
the text "1:30" (not 90), ``014`` is 14 (not octal 12), ``yes``/``on`` are text, and a date is
text that the schema's date kind parses. Explicit tags are checked (``!!int abc`` is an error)
and tags on mappings and sequences are refused, never silently dropped. Aliases expand to at
most :data:`MAX_VALUES` values and nesting stops at :data:`MAX_DEPTH`, so a "billion laughs"
document or a deeply nested one fails at once with bounded memory. Duplicate keys, merge keys
and syntax errors are :class:`~layout.errors.SpecError` s with file:line:column.

The schema half (:class:`Field`, :class:`Record`, the scalar kinds) describes a mapping once;
the same table validates input (collecting every error) and generates the reference docs.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from layout.errors import SourcePos, SpecError, display_path

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


@dataclass(frozen=True)
class YamlDoc:
    """A loaded YAML file: the plain value plus positions by key path (root path ``""``)."""

    file: Path
    value: Any
    value_pos: Mapping[str, SourcePos] = field(default_factory=dict)
    key_pos: Mapping[str, SourcePos] = field(default_factory=dict)
    raw: Mapping[str, str] = field(default_factory=dict)  # scalar source text by key path

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
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_pos(file: Path, mark: yaml.Mark | None) -> SourcePos:
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (never a whole file)."""
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + f"… ({len(text)} characters)"


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


@dataclass
class _Open:
    """A mapping or sequence being built, on the builder's stack."""

    path: str
    value: dict[str, Any] | list[Any]
    anchor: str | None
    first_entry: int  # index of its first entry in _Builder.entries
    key: str | None = None  # mappings: the key waiting for its value


class _Builder:
    """Plain values and positions from a YAML event stream, without recursion."""

    def __init__(self, file: Path) -> None:
        self.file = file
        # (table, path, item) in document order: table 0 value_pos, 1 key_pos, 2 raw text.
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
            self.entries.append((2, path, event.value))
            value = self.scalar(event, path)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, path, len(self.entries) - 2, len(self.entries))
            self.place(top, value)
        else:
            self.open(event, path)

    def path_for(self, top: _Open | None) -> str:
        if top is None:
            return ""
        if isinstance(top.value, list):
            return child_path(top.path, len(top.value))
        return child_path(top.path, top.key)

    def take_key(self, top: _Open, event: yaml.NodeEvent) -> None:
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
        tables: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] = ({}, {}, {})
        for table, path, item in self.entries:
            tables[table].setdefault(path, item)
        if not tables[0]:
            tables[0][""] = SourcePos(self.file, 1, 1)
        return YamlDoc(self.file, self.root, tables[0], tables[1], tables[2])


def _syntax_error(file: Path, exc: yaml.YAMLError, text: str) -> SpecError:
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
    return SpecError(message, pos=_mark_pos(file, mark))


def _events(text: str) -> Iterable[yaml.Event]:
    return yaml.parse(text, Loader=_LOADER)


def parse_yaml(text: str, file: Path) -> YamlDoc:
    """Parse ``text`` (the contents of ``file``) into a :class:`YamlDoc`; raises SpecError."""
    builder = _Builder(file)
    text = text.removeprefix("\ufeff")
    try:
        for event in _events(text):
            builder.feed(event)
    except yaml.YAMLError as exc:
        raise _syntax_error(file, exc, text) from None
    return builder.doc()


def _undecodable(file: Path, data: bytes, exc: UnicodeDecodeError) -> SpecError:
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    bad = data[exc.start : exc.start + 1]
    return SpecError(
        f"not UTF-8 text: byte 0x{bad.hex()} cannot be read (save the file as UTF-8)",
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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(file, data, exc) from None
    return parse_yaml(text, file)


# --------------------------------------------------------------------------- schema


class _Failed:
    def __repr__(self) -> str:
        return "FAILED"


FAILED: Any = _Failed()
"""Returned by :meth:`Kind.check` when the value was bad (an error has been recorded)."""


class Invalid(ValueError):
    """Raised by a scalar parser. Without a message the checker says ``expected …, got …``."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "")
        self.message = message


def show(value: Any) -> str:
    """A value as quoted in error messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return excerpt(value)
    return excerpt(str(value))[1:-1] if len(str(value)) > EXCERPT else str(value)


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Kind:
    """A value type in a schema. ``describe`` completes "expected …" and the docs' type column."""

    describe: str = "a value"

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        raise NotImplementedError

    def records(self) -> list[Record]:
        """Nested records, for the reference generator."""
        return []


class Scalar(Kind):
    """A leaf value checked by ``parse`` (which raises :class:`Invalid`)."""

    def __init__(self, describe: str, parse: Callable[[Any], Any]) -> None:
        self.describe = describe
        self.parse = parse

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        try:
            return self.parse(value)
        except Invalid as exc:
            message = exc.message or f"expected {self.describe}, got {show(value)}"
            errors.append(doc.error(path, message, expected=self.describe))
            return FAILED


def _str(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Invalid()


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid()


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid()


STR = Scalar("a non-empty string", _str)
BOOL = Scalar("true or false", _bool)
DATE = Scalar("a date YYYY-MM-DD", _date)


def _range_text(noun: str, lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"{noun} {lo:g}" if lo == hi else f"{noun} {lo:g}–{hi:g}"
    if lo is not None:
        return f"{noun} ≥ {lo:g}"
    if hi is not None:
        return f"{noun} ≤ {hi:g}"
    return noun


def int_kind(lo: int | None = None, hi: int | None = None) -> Scalar:
    describe = _range_text("an integer", lo, hi)

    def parse(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid()
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise Invalid()
        return value

    return Scalar(describe, parse)


def number_kind(lo: float | None = None, hi: float | None = None) -> Scalar:
    """A number in a range; NaN and infinities are never in one (``.nan``, ``1e400``)."""
    describe = _range_text("a number", lo, hi)

    def parse(value: Any) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Invalid()
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float
            raise Invalid() from None
        if not math.isfinite(number):
            raise Invalid()
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise Invalid()
        return number

    return Scalar(describe, parse)


def enum_kind(enum_cls: type) -> Scalar:
    """A choice among an Enum's (string) values; parsed to the member."""
    values = [m.value for m in enum_cls]  # type: ignore[attr-defined]
    describe = "one of " + ", ".join(values)

    def parse(value: Any) -> Any:
        if isinstance(value, str) and value.strip() in values:
            return enum_cls(value.strip())
        raise Invalid()

    return Scalar(describe, parse)


def choice_kind(*values: str) -> Scalar:
    describe = "one of " + ", ".join(values)

    def parse(value: Any) -> str:
        if isinstance(value, str) and value.strip() in values:
            return value.strip()
        raise Invalid()

    return Scalar(describe, parse)


class ListOf(Kind):
    """A list of ``item``; a single item is accepted as a one-element list when ``single``."""

    def __init__(self, item: Kind, *, min_len: int = 0, single: bool = False) -> None:
        self.item = item
        self.min_len = min_len
        self.single = single
        self.describe = "a list of " + item.describe.removeprefix("a ").removeprefix("an ")

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        if self.single and not isinstance(value, list):
            value = [value]
            result = self.item.check(doc, path, value[0], errors)
            return FAILED if result is FAILED else [result]
        if not isinstance(value, list):
            errors.append(doc.error(path, f"expected {self.describe}, got {show(value)}"))
            return FAILED
        if len(value) < self.min_len:
            errors.append(doc.error(path, f"expected at least {self.min_len} item(s)"))
            return FAILED
        out = [self.item.check(doc, child_path(path, i), v, errors) for i, v in enumerate(value)]
        return out  # items that failed are FAILED; callers skip them

    def records(self) -> list[Record]:
        return self.item.records()


class MapOf(Kind):
    """A mapping from free names to ``item`` (e.g. ``styles``)."""

    def __init__(self, item: Kind, describe: str) -> None:
        self.item = item
        self.describe = describe

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        if not isinstance(value, Mapping):
            errors.append(doc.error(path, f"expected {self.describe}, got {show(value)}"))
            return FAILED
        return {
            str(k): self.item.check(doc, child_path(path, k), v, errors) for k, v in value.items()
        }

    def records(self) -> list[Record]:
        return self.item.records()


class OneOf(Kind):
    """One of several kinds, chosen by ``select(value)`` (returns an index or None)."""

    def __init__(
        self, describe: str, options: Sequence[Kind], select: Callable[[Any], int | None]
    ) -> None:
        self.describe = describe
        self.options = tuple(options)
        self.select = select

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        index = self.select(value)
        if index is None:
            errors.append(doc.error(path, f"expected {self.describe}, got {show(value)}"))
            return FAILED
        return self.options[index].check(doc, path, value, errors)

    def records(self) -> list[Record]:
        return [r for option in self.options for r in option.records()]


NO_DEFAULT: Any = object()


@dataclass(frozen=True)
class Field:
    """One key of a :class:`Record`.

    ``default`` is written as in YAML (``"3mm"``) and parsed by ``kind``; ``None`` means the
    key is simply absent (the parsed value is ``None``). ``kinds`` restricts the key to records
    whose discriminator (the record's ``kind_key``) has one of these values.
    """

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    doc: str = ""
    kinds: tuple[str, ...] | None = None


class Record(Kind):
    """A mapping with a fixed set of keys. ``check`` returns a dict of parsed values: absent
    optional keys hold their (parsed) default, keys whose value was bad are left out."""

    def __init__(
        self,
        name: str,
        fields: Sequence[Field],
        doc: str = "",
        *,
        kind_key: str | None = None,
        describe: str | None = None,
    ) -> None:
        self.name = name
        self.fields = tuple(fields)
        self.by_name = {f.name: f for f in self.fields}
        self.doc = doc
        self.kind_key = kind_key
        self.describe = describe or f"a mapping ({name})"

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        if not isinstance(value, Mapping):
            errors.append(doc.error(path, f"expected {self.describe}, got {show(value)}"))
            return FAILED
        out: dict[str, Any] = {}
        variant: str | None = None
        variant_failed = False
        missing: list[str] = []
        order = list(self.fields)
        if self.kind_key is not None:
            order.sort(key=lambda f: f.name != self.kind_key)
        for f in order:
            sub = child_path(path, f.name)
            if f.kinds is not None and variant_failed:
                continue
            if f.kinds is not None and variant is not None and variant not in f.kinds:
                if f.name in value:
                    errors.append(
                        doc.error(
                            sub,
                            f"key {f.name!r} does not apply to {self.kind_key} {variant!r}"
                            f" (only to {', '.join(f.kinds)})",
                            at_key=True,
                        )
                    )
                continue
            if f.name in value:
                parsed = f.kind.check(doc, sub, value[f.name], errors)
            elif f.required and (f.kinds is None or variant is not None):
                missing.append(f.name)
                parsed = FAILED
            elif f.default is None:
                parsed = None
            else:
                parsed = f.kind.check(doc, sub, f.default, errors)
            if parsed is not FAILED:
                out[f.name] = parsed
            if f.name == self.kind_key:
                variant_failed = parsed is FAILED
                if not variant_failed and parsed is not None:
                    variant = getattr(parsed, "value", parsed)
        applicable = [
            f.name for f in self.fields if f.kinds is None or variant is None or variant in f.kinds
        ]
        for key in value:
            if key not in self.by_name:
                hint = suggest(str(key), applicable)
                if hint:
                    # 'colums' (did you mean 'columns'?) also explains the missing 'columns'
                    close = hint.split("'")[1]
                    if close in missing:
                        missing.remove(close)
                errors.append(
                    doc.error(child_path(path, key), f"unknown key {str(key)!r}{hint}", at_key=True)
                )
        for name in missing:
            errors.append(doc.error(child_path(path, name), f"missing required key {name!r}"))
        return out

    def records(self) -> list[Record]:
        found: list[Record] = [self]
        for f in self.fields:
            for r in f.kind.records():
                if all(r is not seen for seen in found):
                    found.append(r)
        return found
