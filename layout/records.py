"""One readable ``repr`` for the package's records (dataclasses), made once.

Contract: :func:`readable` gives a dataclass declared ``repr=False`` the shared
:func:`record_repr` — ``Name(field=value, …)`` over its fields that ask for a repr, as the
generated one reads — and returns the class.

Why not the generated one: a dataclass's methods are compiled class by class at import, and
a cold build imports some 130 records (docs/architecture.md; issue 16), none of whose reprs a
build calls. A failure message in a test or a debugging session still wants to read a
record: one function shared by every class costs the import nothing.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TypeVar

_Record = TypeVar("_Record", bound=type)


def record_repr(self: object) -> str:
    """``Name(field=value, …)``: the fields with ``repr=True``, in order."""
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
    return f"{type(self).__qualname__}({shown})"


def readable(cls: _Record) -> _Record:
    """``cls`` (a dataclass made with ``repr=False``) with :func:`record_repr`."""
    cls.__repr__ = record_repr  # type: ignore[method-assign]
    return cls
