"""The text operators ``layout.render.textstream`` writes into a page's content stream: read
back from small PDFs with pikepdf (the operators, their operands and the graphics state in
force at each text show) and pdftotext (the text)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from layout.fonts import library
from layout.geometry import Rect
from layout.page import BLACK, Color, Page, TextRun
from layout.press import PressSettings
from layout.render.pdf import pdf_bytes
from layout.render.textstream import Points, pdf_number

RED = Color(0.0, 1.0, 1.0, 0.0)
SPOT = Color(0.0, 0.9, 0.8, 0.0, spot="PANTONE 485 C")
HEIGHT = 200.0
BLEED = 3.0


def _page(*runs: TextRun) -> Page:
    return Page(1, Rect(0, 0, 400, HEIGHT), BLEED, runs, boxes=(), title="textstream test")


def _ops(data: bytes) -> list[tuple[str, list]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            (str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
        ]


def _text_objects(ops: list[tuple[str, list]]) -> list[list[tuple[str, list]]]:
    """The operators of each BT … ET of the page (its preamble's initial-font one left out)."""
    objects, current = [], None
    for op, operands in ops:
        if op == "BT":
            current = []
        elif op == "ET":
            objects.append(current)
            current = None
        elif current is not None:
            current.append((op, operands))
    return [o for o in objects if any(op == "Tj" for op, _ in o)]


def _gids(text: str, face: str) -> bytes:
    cmap = library().face(face).cmap
    return b"".join(cmap[ord(ch)].to_bytes(2, "big") for ch in text)


def test_numbers_have_fixed_decimals_without_trailing_zeros() -> None:
    assert pdf_number(100.0) == "100"
    assert pdf_number(0.5) == "0.5"
    assert pdf_number(1.23456) == "1.235"
    assert pdf_number(1.23456, 4) == "1.2346"
    assert pdf_number(-0.0001) == "0"  # no "-0"
    assert pdf_number(-2.5) == "-2.5"
    assert pdf_number(1e-9) == "0"
    assert pdf_number(1234567.0) == "1234567"  # never an exponent


def test_points_are_the_numbers_formatted_once() -> None:
    points = Points()
    values = [0.0, -0.0, 0.0004, -0.0004, 0.0005, 12.5, 12.5, 100.0, -3.25, 841.8897, 1e-9, 1e6]
    assert [points[v] for v in values] == [pdf_number(v) for v in values]
    assert points[-0.0] == points[0.0] == "0"
    assert len(points) == len(set(values))  # each value formatted once


def test_runs_in_one_text_object_setting_only_what_changes(tmp_path: Path) -> None:
    runs = (
        TextRun("春潮涌动，", "song", 10.0, 20.0, 30.0),
        TextRun("活力勃发。", "song", 10.0, 70.0, 30.0),  # same font and size: no Tf
        TextRun("平湖", "song", 10.0, 20.0, 50.0, char_space=0.75),
        TextRun("楷体", "kai", 12.0, 20.0, 70.0, scale=0.8),
        TextRun("PTA", "song", 10.0, 40.0, 90.0, turn=90),
    )
    data = pdf_bytes([_page(*runs)], library())
    (text,) = _text_objects(_ops(data))
    names = [op for op, _ in text]
    assert names.count("Tj") == len(runs)
    assert names.count("Tf") == 3  # song 10, kai 12, song 10 again
    assert [float(o[0]) for op, o in text if op == "Tc"] == [0.0, 0.75, 0.0]
    assert [float(o[0]) for op, o in text if op == "Tz"] == [100.0, 80.0, 100.0]

    shows = [o[0] for op, o in text if op == "Tj"]
    assert [bytes(s) for s in shows] == [_gids(r.text, r.face) for r in runs]
    matrices = [[float(v) for v in o] for op, o in text if op == "Tm"]
    for run, m in zip(runs, matrices, strict=True):
        linear = [0, -1, 1, 0] if run.turn else [1, 0, 0, 1]
        assert m[:4] == linear
        assert m[4] == pytest.approx(BLEED + run.x, abs=5e-4)
        assert m[5] == pytest.approx(BLEED + HEIGHT - run.y, abs=5e-4)

    if shutil.which("pdftotext"):
        out = tmp_path / "runs.pdf"
        out.write_bytes(data)
        extracted = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for run in runs[:4]:
            assert run.text in extracted.replace("\n", "")


def test_black_text_overprints_and_colours_knock_out() -> None:
    """In the press PDF each text show fills in its colour with black's overprint on and
    every other colour's off (the ExtGState in force read from the page's resources)."""
    runs = (
        TextRun("黑色", "song", 10.0, 20.0, 30.0),
        TextRun("红色", "song", 10.0, 60.0, 30.0, color=RED),
        TextRun("专色", "song", 10.0, 100.0, 30.0, color=SPOT),
        TextRun("又黑", "song", 10.0, 140.0, 30.0, color=BLACK),
    )
    data = pdf_bytes([_page(*runs)], library(), PressSettings())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        states = pdf.pages[0].Resources.ExtGState
        spaces = pdf.pages[0].Resources.get("/ColorSpace") or {}
        shows = []
        fill, op_on = None, False
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            name = str(op)
            if name == "k":
                fill = tuple(float(v) for v in operands)
            elif name == "cs":
                fill = str(spaces[str(operands[0])][1])
            elif name == "gs":
                state = states[str(operands[0])]
                op_on = bool(state.get("/op", op_on))
            elif name == "Tj":
                shows.append((fill, op_on))
    assert shows == [
        ((0.0, 0.0, 0.0, 1.0), True),
        ((0.0, 1.0, 1.0, 0.0), False),
        ("/PANTONE 485 C", False),
        ((0.0, 0.0, 0.0, 1.0), True),
    ]


def test_every_glyph_drawn_is_in_the_subset_and_extracts(tmp_path: Path) -> None:
    """The font sees every glyph the writer draws: the ToUnicode CMap maps each and the
    text comes back, a glyph drawn by id (a vertical form) as its character."""
    fonts = library()
    face = fonts.face("song")
    vert = face.vertical_form("。")
    assert vert is not None and vert != face.cmap[ord("。")]
    runs = (
        TextRun("版面，", "song", 10.0, 20.0, 30.0),
        TextRun("。", "song", 10.0, 50.0, 30.0, glyph=vert),
    )
    data = pdf_bytes([_page(*runs)], fonts)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (font,) = pdf.pages[0].Resources.Font.values()
        cmap = font.ToUnicode.read_bytes().decode()
        shows = [
            bytes(o[0]) for o, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "Tj"
        ]
    assert shows[1] == vert.to_bytes(2, "big")
    for ch in "版面，":
        assert f"<{face.cmap[ord(ch)]:04X}> <{ord(ch):04X}>" in cmap
    assert f"<{vert:04X}> <{ord('。'):04X}>" in cmap
    assert f"<{face.cmap[ord('。')]:04X}>" not in cmap  # only the vertical form was drawn
    out = tmp_path / "glyphs.pdf"
    out.write_bytes(data)
    if shutil.which("pdftotext"):
        extracted = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert extracted.replace("\n", "").strip("\f") == "版面，。"
