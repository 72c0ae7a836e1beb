"""The page spec: a YAML file validated once against one schema and resolved into frozen
dataclasses with every length in points.

- :mod:`layout.spec.model`: the resolved values (:class:`PageSpec`, :class:`BoxSpec`,
  :class:`Grid`, :class:`Style` …), the only part other layers import;
- :mod:`layout.spec.schema`: the schema (:data:`~layout.spec.schema.SPEC`), assembled from
  the tables of each part of the spec and the page spec's value types (:mod:`layout.spec.tables`);
- :func:`load_spec` (:mod:`layout.spec.resolve`): load, validate, resolve; the resolving
  steps are :mod:`~layout.spec.press`, :mod:`~layout.spec.styles`, :mod:`~layout.spec.grid`,
  :mod:`~layout.spec.boxes`, :mod:`~layout.spec.placement` and
  :mod:`~layout.spec.references`, sharing a :class:`~layout.spec.context.Context`;
- :mod:`layout.spec.extends`: ``extends:``, the shared parts a page spec takes from another
  file; :mod:`layout.spec.edition` (with :mod:`~layout.spec.pagelist`): the edition file,
  its pages in order (:func:`~layout.spec.edition.load_edition`);
- :mod:`layout.spec.reference`: ``python -m layout.spec --reference >
  docs/spec-reference.md`` regenerates the reference from the same tables that validate;
  its :func:`main` and :func:`reference_markdown` are loaded when first asked for (PEP 562),
  so that a build, which never renders the reference, does not import it (issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from layout.spec.model import (
    REQUIRED_STYLES,
    BoxKind,
    BoxSpec,
    Continuation,
    Edition,
    Grid,
    HeaderSpec,
    HeadlineArea,
    PageGeometry,
    PageSpec,
    Style,
)
from layout.spec.resolve import load_spec

if TYPE_CHECKING:
    from layout.spec.reference import main, reference_markdown

__all__ = [
    "REQUIRED_STYLES",
    "BoxKind",
    "BoxSpec",
    "Continuation",
    "Edition",
    "Grid",
    "HeaderSpec",
    "HeadlineArea",
    "PageGeometry",
    "PageSpec",
    "Style",
    "load_spec",
    "main",
    "reference_markdown",
]


def __getattr__(name: str) -> Any:
    """``main`` and ``reference_markdown``, imported from :mod:`layout.spec.reference` on
    first use (PEP 562 module ``__getattr__``)."""
    if name in ("main", "reference_markdown"):
        from layout.spec import reference

        return getattr(reference, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
