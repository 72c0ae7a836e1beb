"""Compose the pages of an edition, in order.

Contract: :func:`compose_pages` lays out ``specs`` (page specs in edition order, each with its
``page.number``) with one font library and returns one :class:`~layout.page.Page` per spec,
in the same order; given ``only`` (page numbers), just those pages, composing whatever else
they need (the pages a story comes from) without returning it, so that pages can be composed
in parallel processes with the same result. It is the one place an edition is composed: the
edition build, its proof and its watch call it, so that what crosses pages (a story
continued on another page, the page numbers its jump lines print) is resolved here and
nowhere else.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..fonts import FontLibrary
from ..page import Page
from ..spec.model import PageSpec
from ..text.options import BreakMode
from .page import compose_page


def compose_pages(
    specs: Sequence[PageSpec],
    fonts: FontLibrary,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    *,
    only: Collection[int] | None = None,
) -> tuple[Page, ...]:
    """The pages of ``specs`` (those numbered in ``only``, if given) composed, in order."""
    wanted = [s for s in specs if only is None or s.page.number in only]
    return tuple(compose_page(spec, fonts, mode) for spec in wanted)
