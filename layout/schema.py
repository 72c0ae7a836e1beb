"""A small declarative schema checker for YAML loaded by :mod:`layout.yamlsource`.

A schema describes a mapping once: a :class:`Record` of :class:`Field` s, each with a
:class:`Kind` (a :class:`Scalar` checked by a parser, :class:`ListOf`, :class:`MapOf`,
:class:`OneOf`, a nested :class:`Record`). The same table validates input and generates the
reference docs (``layout.spec.reference``).

Contract: ``kind.check(doc, path, value, errors)`` returns the parsed value, or
:data:`FAILED` after appending one positioned :class:`~layout.errors.SpecError` per fault to
``errors`` (file:line:column: key.path: expected …, got …); it never raises for bad input,
so one pass reports every problem. A scalar parser raises :class:`Invalid` to refuse a value.
:func:`show` quotes a value for a message (cut to :data:`~layout.yamlsource.EXCERPT`
characters) and :func:`suggest` offers the closest known name ("did you mean …?").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from layout.errors import SpecError, blank_characters
from layout.yamlsource import EXCERPT, YamlDoc, child_path, excerpt

from .records import NamedTuple


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
        if value and not value.strip():
            # Python's own escapes ('\\u3000') say nothing to a reader.
            return f"only blank characters ({blank_characters(value)})"
        return excerpt(value)
    return excerpt(str(value))[1:-1] if len(str(value)) > EXCERPT else str(value)


def misread_number(doc: YamlDoc, path: str, value: Any) -> str:
    """Where text is expected and YAML read the value at ``path`` as a number or true/false
    (``- 1e3`` is 1000.0, ``- 0x1F`` is 31: YAML 1.2 core schema §10.3.2), how to write it as
    the text it is: ``"; YAML reads 1e3 as the number 1000.0: write it in quotes, '1e3'"``;
    else an empty string."""
    if value is None or not isinstance(value, bool | int | float):
        return ""
    written = doc.raw.get(path)
    if written is None:
        return ""
    kind = "yes/no value" if isinstance(value, bool) else "number"
    what = f"the {kind} {show(value)}"
    return f"; YAML reads {written} as {what}: for the text, write it in quotes, '{written}'"


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    import difflib  # here: only a spec with a mistake needs it

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

    def __init__(
        self,
        describe: str,
        parse: Callable[[Any], Any],
        json: Mapping[str, Any] | None = None,
    ) -> None:
        self.describe = describe
        self.parse = parse
        # What a JSON Schema can say of the value (``layout.spec.jsonschema``); empty where
        # only ``parse`` knows (a length such as 3mm or 2字, a size such as 小五).
        self.json = dict(json or {})

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        try:
            return self.parse(value)
        except Invalid as exc:
            message = exc.message or f"expected {self.describe}, got {show(value)}"
            if exc.message is None and self.json.get("type") == "string":
                message += misread_number(doc, path, value)
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
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                # In the form, not in the calendar (2026-02-30): say so, not "expected a date".
                raise Invalid(f"{text} is no day of the calendar ({error})") from None
    raise Invalid()


STR = Scalar("a non-empty string", _str, {"type": "string", "minLength": 1})
BOOL = Scalar("true or false", _bool, {"type": "boolean"})
DATE = Scalar("a date YYYY-MM-DD", _date, {"type": "string", "format": "date"})


def _range_text(noun: str, lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"{noun} {lo:g}" if lo == hi else f"{noun} {lo:g}–{hi:g}"
    if lo is not None:
        return f"{noun} ≥ {lo:g}"
    if hi is not None:
        return f"{noun} ≤ {hi:g}"
    return noun


def _bounded(kind: str, lo: float | None, hi: float | None) -> dict[str, Any]:
    bounds = {"minimum": lo, "maximum": hi}
    return {"type": kind, **{k: v for k, v in bounds.items() if v is not None}}


def int_kind(lo: int | None = None, hi: int | None = None) -> Scalar:
    describe = _range_text("an integer", lo, hi)

    def parse(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid()
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise Invalid()
        return value

    return Scalar(describe, parse, _bounded("integer", lo, hi))


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

    return Scalar(describe, parse, _bounded("number", lo, hi))


def enum_kind(enum_cls: type) -> Scalar:
    """A choice among an Enum's (string) values; parsed to the member."""
    values = [m.value for m in enum_cls]  # type: ignore[attr-defined]
    describe = "one of " + ", ".join(values)

    def parse(value: Any) -> Any:
        if isinstance(value, str) and value.strip() in values:
            return enum_cls(value.strip())
        raise Invalid()

    return Scalar(describe, parse, {"enum": values})


def choice_kind(*values: str) -> Scalar:
    describe = "one of " + ", ".join(values)

    def parse(value: Any) -> str:
        if isinstance(value, str) and value.strip() in values:
            return value.strip()
        raise Invalid()

    return Scalar(describe, parse, {"enum": list(values)})


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
            message = f"expected {self.describe}, got {show(value)}"
            if any(isinstance(o, Scalar) and o.json.get("type") == "string" for o in self.options):
                message += misread_number(doc, path, value)
            errors.append(doc.error(path, message))
            return FAILED
        return self.options[index].check(doc, path, value, errors)

    def records(self) -> list[Record]:
        return [r for option in self.options for r in option.records()]


class Field(NamedTuple):
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
        retired: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.fields = tuple(fields)
        # Keys the record once had, each with what replaces it: an old file is told why.
        self.retired = dict(retired or {})
        self.by_name = {f.name: f for f in self.fields}
        self.doc = doc
        self.kind_key = kind_key
        self.describe = describe or f"a mapping ({name})"
        # The discriminator first (a stable sort keeps the others in their table order).
        self.order = tuple(sorted(self.fields, key=lambda f: f.name != kind_key))

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        """The record's values by key. The discriminator (``kind_key``) is read first, so a
        key that does not apply to its value is an error and a variant's required keys are
        required only of it; unknown keys and missing required keys are reported last."""
        if not isinstance(value, Mapping):
            errors.append(doc.error(path, f"expected {self.describe}, got {show(value)}"))
            return FAILED
        out: dict[str, Any] = {}
        variant: str | None = None
        variant_failed = False
        missing: list[str] = []
        for f in self.order:
            if f.kinds is not None and variant_failed:
                continue  # the discriminator was bad: which keys apply is unknown
            if f.kinds is not None and variant is not None and variant not in f.kinds:
                if f.name in value:
                    errors.append(self.not_applicable(doc, child_path(path, f.name), f, variant))
                continue
            given = f.name in value
            if not given and f.required and (f.kinds is None or variant is not None):
                missing.append(f.name)
                parsed = FAILED
            elif not given and f.default is None:
                parsed = None  # (field_value's answer, its key path not made: most keys)
            else:
                parsed = self.field_value(doc, child_path(path, f.name), f, value, errors)
            if parsed is not FAILED:
                out[f.name] = parsed
            if f.name == self.kind_key:
                variant_failed = parsed is FAILED
                if not variant_failed and parsed is not None:
                    variant = getattr(parsed, "value", parsed)
        self.report_unknown(doc, path, value, variant, missing, errors)
        for name in missing:
            errors.append(doc.error(child_path(path, name), f"missing required key {name!r}"))
        return out

    def field_value(
        self, doc: YamlDoc, path: str, f: Field, value: Mapping[str, Any], errors: list[SpecError]
    ) -> Any:
        """One key's parsed value (at ``path``): as given, else its parsed default, else
        ``None``; :data:`FAILED` when the value is bad (reported)."""
        if f.name in value:
            return f.kind.check(doc, path, value[f.name], errors)
        if f.default is None:
            return None
        return f.kind.check(doc, path, f.default, errors)

    def not_applicable(self, doc: YamlDoc, path: str, f: Field, variant: str) -> SpecError:
        assert f.kinds is not None
        return doc.error(
            path,
            f"key {f.name!r} does not apply to {self.kind_key} {variant!r}"
            f" (only to {', '.join(f.kinds)})",
            at_key=True,
        )

    def report_unknown(
        self,
        doc: YamlDoc,
        path: str,
        value: Mapping[str, Any],
        variant: str | None,
        missing: list[str],
        errors: list[SpecError],
    ) -> None:
        """Each key the record does not have, with the closest applicable key as a hint;
        a hinted key is taken off ``missing`` (the typo explains its absence)."""
        if all(key in self.by_name for key in value):
            return  # (every key the record's: no hints to look for)
        applicable = [
            f.name for f in self.fields if f.kinds is None or variant is None or variant in f.kinds
        ]
        for key in value:
            if key in self.by_name:
                continue
            if key in self.retired:
                message = f"{key!r} is no longer a key of the {self.name}: {self.retired[key]}"
                errors.append(doc.error(child_path(path, key), message, at_key=True))
                continue
            hint = suggest(str(key), applicable)
            if hint:
                # 'colums' (did you mean 'columns'?) also explains the missing 'columns'
                close = hint.split("'")[1]
                if close in missing:
                    missing.remove(close)
            errors.append(
                doc.error(child_path(path, key), f"unknown key {str(key)!r}{hint}", at_key=True)
            )

    def records(self) -> list[Record]:
        found: list[Record] = [self]
        for f in self.fields:
            for r in f.kind.records():
                if all(r is not seen for seen in found):
                    found.append(r)
        return found
