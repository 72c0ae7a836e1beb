"""The drawing protocol (as fontTools' pens): :func:`draw` walks a page's display list and
calls a :class:`Pen`; :class:`RecordingPen` keeps the calls for tests, the ReportLab pen in
``layout.render.pdf`` writes them to PDF."""

from __future__ import annotations

from typing import Protocol

from ..page import (
    AdvertOp,
    ArtworkOp,
    ImageOp,
    MissingGlyphOp,
    Op,
    Page,
    RectOp,
    RuleOp,
    TextRun,
)


class Pen(Protocol):
    def begin_page(self, page: Page) -> None: ...
    def text(self, run: TextRun) -> None: ...
    def rule(self, op: RuleOp) -> None: ...
    def rect(self, op: RectOp) -> None: ...
    def image(self, op: ImageOp) -> None: ...
    def artwork(self, op: ArtworkOp) -> None: ...
    def advert(self, op: AdvertOp) -> None: ...
    def missing_glyph(self, op: MissingGlyphOp) -> None: ...
    def end_page(self) -> None: ...


def draw(page: Page, pen: Pen) -> None:
    pen.begin_page(page)
    text = pen.text  # most of a page's ops: its text runs, handed over without a dispatch
    for op in page.ops:
        if type(op) is TextRun:
            text(op)
        else:
            draw_op(op, pen)
    pen.end_page()


def draw_op(op: Op, pen: Pen) -> None:
    if isinstance(op, TextRun):
        pen.text(op)
    elif isinstance(op, RuleOp):
        pen.rule(op)
    elif isinstance(op, RectOp):
        pen.rect(op)
    elif isinstance(op, ImageOp):
        pen.image(op)
    elif isinstance(op, ArtworkOp):
        pen.artwork(op)
    elif isinstance(op, AdvertOp):
        pen.advert(op)
    else:
        pen.missing_glyph(op)


class RecordingPen:
    """Records every call as ``(method name, argument)``."""

    __slots__ = ("calls",)

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def begin_page(self, page: Page) -> None:
        self.calls.append(("begin_page", page.number))

    def text(self, run: TextRun) -> None:
        self.calls.append(("text", run))

    def rule(self, op: RuleOp) -> None:
        self.calls.append(("rule", op))

    def rect(self, op: RectOp) -> None:
        self.calls.append(("rect", op))

    def image(self, op: ImageOp) -> None:
        self.calls.append(("image", op))

    def artwork(self, op: ArtworkOp) -> None:
        self.calls.append(("artwork", op))

    def advert(self, op: AdvertOp) -> None:
        self.calls.append(("advert", op))

    def missing_glyph(self, op: MissingGlyphOp) -> None:
        self.calls.append(("missing_glyph", op))

    def end_page(self) -> None:
        self.calls.append(("end_page", None))
