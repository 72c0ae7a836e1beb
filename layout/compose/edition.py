"""Compose the pages of an edition, in order.

Contract: :func:`compose_pages` lays out ``specs`` (page specs in edition order, each with its
``page.number``) with one font library and returns one :class:`~layout.page.Page` per spec,
in the same order. It is the one place an edition is composed: the edition build, its proof
and its watch call it, so that what crosses pages (a story continued on another page, the
page numbers its jump lines print) is resolved here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..fonts import FontLibrary
from ..page import Page
from ..spec.model import PageSpec
from ..text.options import BreakMode
from .page import compose_page


def compose_pages(
    specs: Sequence[PageSpec], fonts: FontLibrary, mode: BreakMode = BreakMode.TOTAL_FIT
) -> tuple[Page, ...]:
    """Every page of ``specs`` composed, in their order."""
    return tuple(compose_page(spec, fonts, mode) for spec in specs)
