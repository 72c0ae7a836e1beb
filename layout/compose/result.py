"""What composing one box of the spec gives: a :class:`BoxResult`, returned by the function
of every box kind (article, photo, figures, masthead, rule, …) and gathered into the page by
``compose_page``."""

from __future__ import annotations

from ..page import BoxLayout, Op
from ..records import NamedTuple
from ..report import Problem


class BoxResult(NamedTuple):
    """A box composed: what it holds with its copy-fitting numbers (``layout``), its ops in
    reading order, and the problems found in it."""

    layout: BoxLayout
    ops: tuple[Op, ...] = ()
    problems: tuple[Problem, ...] = ()
