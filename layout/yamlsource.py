"""YAML with source positions, and a small declarative schema checker.

:func:`load_yaml` composes the file with PyYAML's SafeLoader (``yaml.compose``) and builds
plain Python values together with a map from key path (``boxes[2].at.column``; sequence
indexes are 0-based) to the position of the value and of its key. YAML dates (``2025-04-30``)
become :class:`datetime.date`, like ``yaml.safe_load``. Duplicate keys and syntax errors are
:class:`~layout.errors.SpecError` s with file:line:column.

The schema half (:class:`Field`, :class:`Record`, the scalar kinds) describes a mapping once;
the same table validates input (collecting every error) and generates the reference docs.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from layout.errors import SourcePos, SpecError, display_path

# --------------------------------------------------------------------------- positioned YAML


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


# libyaml's loader where PyYAML has it (the same nodes and marks, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_pos(file: Path, mark: yaml.Mark | None) -> SourcePos:
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.constructor = yaml.SafeLoader("")
        self.value_pos: dict[str, SourcePos] = {}
        self.key_pos: dict[str, SourcePos] = {}
        self.raw: dict[str, str] = {}

    def build(self, node: yaml.Node, path: str) -> Any:
        self.value_pos[path] = _mark_pos(self.file, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise SpecError(
                        "mapping keys must be plain scalars",
                        pos=_mark_pos(self.file, key_node.start_mark),
                        key_path=path,
                    )
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise SpecError(
                        "merge keys (<<) are not supported",
                        pos=_mark_pos(self.file, key_node.start_mark),
                        key_path=path,
                    )
                key = key_node.value  # keys stay text, as written
                sub = child_path(path, key)
                if key in out:
                    first = self.key_pos[sub]
                    raise SpecError(
                        f"duplicate key {key!r} (first at line {first.line})",
                        pos=_mark_pos(self.file, key_node.start_mark),
                        key_path=sub,
                    )
                self.key_pos[sub] = _mark_pos(self.file, key_node.start_mark)
                out[key] = self.build(value_node, sub)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, child_path(path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.raw[path] = node.value
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise _syntax_error(self.file, exc) from exc
        return value


def _syntax_error(file: Path, exc: yaml.YAMLError) -> SpecError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    message = f"YAML syntax error: {problem}"
    if context:
        if context_mark is not None and context_mark is not mark:
            context += f" started at line {context_mark.line + 1}"
        message += f" ({context})"
    return SpecError(message, pos=_mark_pos(file, mark))


def parse_yaml(text: str, file: Path) -> YamlDoc:
    """Parse ``text`` (the contents of ``file``) into a :class:`YamlDoc`; raises SpecError."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise _syntax_error(file, exc) from exc
    if node is None:
        return YamlDoc(file, None, {"": SourcePos(file, 1, 1)})
    builder = _Builder(file)
    value = builder.build(node, "")
    return YamlDoc(file, value, builder.value_pos, builder.key_pos, builder.raw)


def load_yaml(path: Path | str) -> YamlDoc:
    """Read and parse a YAML file; a missing file or bad YAML raises SpecError."""
    file = Path(os.path.normpath(path))
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(f"{display_path(file)}: file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read file: {exc}", pos=SourcePos(file, 1, 1)) from None
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
        return repr(value)
    return str(value)


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
    describe = _range_text("a number", lo, hi)

    def parse(value: Any) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise Invalid()
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise Invalid()
        return float(value)

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
