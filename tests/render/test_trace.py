"""Goldens of what the PDF writer is asked to draw: small pages walked with the
:class:`~layout.render.pen.RecordingPen`, every call written as one rounded line with the
physical origin and turn of each text run (as ``render/pdf.py`` places it), and compared
with ``tests/fixtures/traces/*.txt``.

A change to layout that moves anything by 0.01 pt, or to what a run means, shows here line by
line. After a deliberate change, rewrite the goldens with ``BANMIAN_UPDATE_GOLDENS=1`` and
read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.build import build
from layout.page import Color, ImageOp, MissingGlyphOp, RectOp, RuleOp, TextRun
from layout.render.pen import RecordingPen, draw

REPO = Path(__file__).resolve().parents[2]
GOLDENS = REPO / "tests" / "fixtures" / "traces"
UPDATE = bool(os.environ.get("BANMIAN_UPDATE_GOLDENS"))

PAGES = {
    # one horizontal story: headline block, byline, body, intertitle
    "front-energy": ("front.yaml", ["energy"]),
    # a 竖题 on a horizontal page, and a photo with a vertical caption
    "culture-jinshan-photo": ("culture.yaml", ["jinshan", "photo"]),
    # a whole vertical story: vertical headline, rotated Latin, 纵中横
    "vertical-labour": ("vertical.yaml", ["labour"]),
}


def _spec(tmp_path: Path, name: str, keep: list[str]) -> Path:
    """The sample spec ``name`` with only the boxes ``keep`` (paths made absolute)."""
    text = (REPO / "page_specs" / name).read_text(encoding="utf-8")
    # The shared parts from the sample edition's file, where the page spec names it.
    text = text.replace("extends: edition.yaml", f"extends: {REPO / 'page_specs' / 'edition.yaml'}")
    head, boxes = text.split("\nboxes:", 1)
    entries = [e for e in boxes.split("\n  - ") if e.strip()]
    kept = [e for e in entries if any(f"id: {box}" in e.split("\n")[0] for box in keep)]
    assert len(kept) == len(keep), (name, keep)
    path = tmp_path / name
    path.write_text(head + "\nboxes:\n  - " + "\n  - ".join(kept), encoding="utf-8")
    return path


def _colour(c: Color) -> str:
    ink = f"{c.c:.2f},{c.m:.2f},{c.y:.2f},{c.k:.2f}"
    return f"{ink}/{c.spot}" if c.spot else ink


def _text(run: TextRun) -> str:
    """The run as the PDF writer places it: origin on the page (y down) and turn."""
    glyph = f" g{run.glyph}" if run.glyph is not None else ""
    return (
        f"text {run.face} {run.size:g} {run.x:.2f},{run.y:.2f} turn{run.turn} s{run.scale:.3f} "
        f"c{run.char_space:.2f}{glyph} {_colour(run.color)} {run.text!r}"
    )


def trace(calls: list[tuple[str, object]]) -> list[str]:
    lines = []
    for name, arg in calls:
        if isinstance(arg, TextRun):
            lines.append(_text(arg))
        elif isinstance(arg, RuleOp):
            lines.append(
                f"rule {arg.x1:.2f},{arg.y1:.2f} {arg.x2:.2f},{arg.y2:.2f} w{arg.width:.2f} "
                f"{_colour(arg.color)}"
            )
        elif isinstance(arg, RectOp):
            r = arg.rect
            fill = _colour(arg.fill) if arg.fill else "-"
            stroke = _colour(arg.stroke) if arg.stroke else "-"
            lines.append(
                f"rect {r.x:.2f},{r.y:.2f} {r.width:.2f}x{r.height:.2f} fill {fill} "
                f"stroke {stroke} w{arg.width:.2f}"
            )
        elif isinstance(arg, ImageOp):
            r, c = arg.rect, arg.clip
            lines.append(
                f"image {Path(arg.path).name} {r.x:.2f},{r.y:.2f} {r.width:.2f}x{r.height:.2f} "
                f"clip {c.x:.2f},{c.y:.2f} {c.width:.2f}x{c.height:.2f}"
            )
        elif isinstance(arg, MissingGlyphOp):
            r = arg.rect
            lines.append(f"missing {r.x:.2f},{r.y:.2f} {r.width:.2f}x{r.height:.2f}")
        else:
            lines.append(f"{name} {arg}")
    return lines


@pytest.mark.parametrize("golden", sorted(PAGES))
def test_the_display_list_matches_its_golden(golden: str, tmp_path: Path) -> None:
    name, keep = PAGES[golden]
    page = build(_spec(tmp_path, name, keep), None).page
    pen = RecordingPen()
    draw(page, pen)
    got = trace(pen.calls)
    assert any(line.startswith("text ") for line in got)
    path = GOLDENS / f"{golden}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(got) + "\n", encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path} was missing: written; check it and commit it")
    want = path.read_text(encoding="utf-8").splitlines()
    first = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), None)
    if first is None and len(want) == len(got):
        return
    at = first if first is not None else min(len(want), len(got))
    shown_want = want[at] if at < len(want) else "(end)"
    shown_got = got[at] if at < len(got) else "(end)"
    pytest.fail(f"{golden}: line {at + 1} differs:\n  golden: {shown_want}\n  now:    {shown_got}")
