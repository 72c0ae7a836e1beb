"""The package's records, made cheaply at import: :class:`NamedTuple` and :class:`Frozen`.

Contract: ``class Name(NamedTuple): field: type = default …`` with :class:`NamedTuple`
imported from here makes the class ``typing.NamedTuple`` makes — a subclass of ``tuple``
with the same ``__new__`` (its signature, defaults and error messages), field descriptors,
``_fields``, ``_field_defaults``, ``__match_args__``, ``_make``, ``_replace``, ``_asdict``,
``__repr__``, ``__getnewargs__`` (copy, pickle), ``__doc__``, ``__annotations__`` and the
class body's methods and constants — and type checkers see ``typing.NamedTuple`` itself.
Two things differ: the annotations are kept as written (a string under ``from __future__
import annotations`` stays a string; ``typing.get_type_hints`` resolves both alike), not
checked to be types; and a record cannot also be ``Generic`` (none is).

Why (issue 16): ``typing.NamedTuple`` costs a cold process about 0.8 M machine
instructions a class: it compiles each string annotation into a ``typing.ForwardRef``
(≈ 90 k a field) and ``collections.namedtuple`` compiles the source of each class's
``__new__`` (``eval``, ≈ 0.25 M), and a build makes some 140 records. Here ``__new__``'s
code is compiled once for each number of fields and given the fields' names with
``CodeType.replace`` — the same bytecode ``collections.namedtuple`` compiles, only its
argument names differ — and nothing else is compiled.

:class:`Frozen` is the base of a record that a ``NamedTuple`` cannot be — one compared on
some of its fields only, built by keyword, checked when made, or keeping memoised values
(``functools.cached_property``) beside its fields — with what ``@dataclass(frozen=True)``
gives such a class: its fields (its annotations, in order, but ``ClassVar``) in the instance
dictionary, set once by the class's own ``__init__`` (through ``__dict__``: assigning or
deleting an attribute raises ``AttributeError``); ``==`` between two records of the same
class and ``hash`` on the fields of ``_compared`` (default: all), as a dataclass's tuple of
them; :func:`record_repr` over those of ``_shown`` (default: all); ``_replace(**changes)``,
the record made again through ``__init__`` (``dataclasses.replace``: its checks run, memoised
values are not copied); pickling and copying as any instance with a dictionary. Why (issue
16): ``dataclasses`` imports ``inspect`` (and ``ast``, ``dis``, ``tokenize``, ``linecache``:
≈ 300 K of bytecode, ≈ 6 ms of a build's start) and compiles each class's methods with
``exec``; the build path's last dataclasses are Frozen records, so a build loads none of it
(``tests/test_imports.py``).
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Iterable, Mapping
from functools import cache
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

# The field descriptor ``collections.namedtuple`` itself uses (C; a ``property`` over an
# ``itemgetter`` is its pure-Python fallback, and slower to read a field through).
try:
    from _collections import _tuplegetter
except ImportError:  # pragma: no cover - CPython has it
    from operator import itemgetter as _itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:  # type: ignore[no-redef]
        return property(_itemgetter(index), doc=doc)


# What a class body may not define and what it defines that is not copied onto the record
# (typing's ``_prohibited`` and ``_special``, Python 3.11).
_PROHIBITED = frozenset(
    {
        "__new__",
        "__init__",
        "__slots__",
        "__getnewargs__",
        "_fields",
        "_field_defaults",
        "_make",
        "_replace",
        "_asdict",
        "_source",
    }
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

# The globals of every record's ``__new__``, as ``collections.namedtuple`` gives them (no
# builtins: the code reads only ``_tuple_new``).
_NEW_GLOBALS: Mapping[str, object] = {"_tuple_new": tuple.__new__, "__builtins__": {}}


def _arguments(names: Iterable[str]) -> str:
    """``a, b`` — ``a,`` for one name — as ``collections.namedtuple`` writes its lists."""
    listed = tuple(names)
    text = ", ".join(listed)
    return text + "," if len(listed) == 1 else text


@cache  # one entry for each number of fields a record has: a few dozen at most
def _new_code(arity: int) -> CodeType:
    """The code of ``collections.namedtuple``'s ``__new__`` for ``arity`` fields, its
    arguments named ``_0``, ``_1`` …"""
    listed = _arguments(f"_{i}" for i in range(arity))
    template = eval(f"lambda _cls, {listed}: _tuple_new(_cls, ({listed}))", dict(_NEW_GLOBALS))
    return template.__code__


def _named_tuple(
    typename: str,
    field_names: tuple[str, ...],
    defaults: tuple[object, ...],
    body: Mapping[str, object],
) -> type:
    """``collections.namedtuple(typename, field_names, defaults=defaults)``, its ``__new__``
    made from :func:`_new_code` rather than compiled, with ``body`` (the class statement's
    ``__module__``, ``__qualname__``, docstring, methods …) in its namespace."""
    for name in field_names:
        if name.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
    typename = sys.intern(typename)
    field_names = tuple(map(sys.intern, field_names))
    num_fields = len(field_names)
    field_defaults = dict(zip(field_names[num_fields - len(defaults) :], defaults, strict=True))
    arg_list = _arguments(field_names)
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in field_names) + ")"
    tuple_new = tuple.__new__

    code = _new_code(num_fields).replace(co_varnames=("_cls", *field_names))
    new = FunctionType(code, _NEW_GLOBALS, "__new__", defaults)  # type: ignore[arg-type]
    new.__module__ = f"namedtuple_{typename}"
    new.__doc__ = f"Create new instance of {typename}({arg_list})"

    @classmethod  # type: ignore[misc]
    def _make(cls: type, iterable: Iterable[object]) -> tuple[object, ...]:
        result = tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    _make.__func__.__doc__ = f"Make a new {typename} object from a sequence or iterable"

    def _replace(self: Any, /, **kwds: object) -> tuple[object, ...]:
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    _replace.__doc__ = f"Return a new {typename} object replacing specified fields with new values"

    def __repr__(self: tuple[object, ...]) -> str:
        "Return a nicely formatted representation string"
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self: Any) -> dict[str, object]:
        "Return a new dict which maps field names to their values."
        return dict(zip(self._fields, self, strict=False))

    def __getnewargs__(self: tuple[object, ...]) -> tuple[object, ...]:
        "Return self as a plain tuple.  Used by copy and pickle."
        return tuple(self)

    for method in (new, _make.__func__, _replace, __repr__, _asdict, __getnewargs__):
        method.__qualname__ = f"{typename}.{method.__name__}"

    namespace: dict[str, object] = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": new,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        namespace[name] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    namespace.update(body)
    return type(typename, (tuple,), namespace)


class _RecordMeta(type):
    """Makes a record of each class that names :class:`NamedTuple` as its base, as
    ``typing.NamedTupleMeta`` does (Python 3.11) less its check of the annotations."""

    def __new__(mcs, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(mcs, typename, bases, ns)
        if bases != (_NamedTupleBase,):
            raise TypeError("can only inherit from a NamedTuple type")
        types = ns.get("__annotations__", {})
        default_names: list[str] = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(
                    f"Non-default namedtuple field {field_name} "
                    f"cannot follow default field{'s' if len(default_names) > 1 else ''} "
                    f"{', '.join(default_names)}"
                )
        body: dict[str, object] = {"__orig_bases__": (typing.NamedTuple,)}
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in types:
                body[key] = value
        body["__module__"] = ns["__module__"]
        record = _named_tuple(typename, tuple(types), tuple(ns[n] for n in default_names), body)
        record.__annotations__ = record.__new__.__annotations__ = dict(types)
        return record


class _NamedTupleBase(metaclass=_RecordMeta):
    """The base a record names: its class statement makes a ``tuple`` subclass instead."""


if TYPE_CHECKING:
    from typing import NamedTuple
else:
    NamedTuple = _NamedTupleBase


def record_repr(self: Frozen) -> str:
    """``Name(field=value, …)``: a :class:`Frozen` record's ``_shown`` fields, in order (one
    function shared by every class: a failure message in a test or a debugging session
    wants to read a record, and it costs the import nothing)."""
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
    return f"{type(self).__qualname__}({shown})"


class Frozen:
    """The base of a frozen record kept in its instance dictionary (see the module docstring).
    A subclass annotates its fields, writes its ``__init__`` (setting each field in
    ``self.__dict__``, in order) and may name ``_compared`` and ``_shown``."""

    _field_names: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[tuple[str, ...]] = ()
    _shown: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})
        cls._field_names = tuple(name for name, kind in annotations.items() if not _class_var(kind))
        for name in ("_compared", "_shown"):
            if name not in cls.__dict__:
                setattr(cls, name, cls._field_names)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a frozen record")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a frozen record")

    def _key(self) -> tuple:
        values = self.__dict__
        return tuple([values[name] for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    __repr__ = record_repr

    def _replace(self: _Frozen, **changes: Any) -> _Frozen:
        values = self.__dict__
        return type(self)(**{name: values[name] for name in self._field_names} | changes)


_Frozen = TypeVar("_Frozen", bound=Frozen)


def _class_var(annotation: object) -> bool:
    """Whether ``annotation`` (as written, or evaluated) is ``ClassVar[…]``: not a field."""
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return getattr(annotation, "__origin__", None) is ClassVar
