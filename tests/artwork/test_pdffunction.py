"""PDF functions (layout.artwork.pdffunction): types 2, 3 and 4 evaluated as PDF 1.7 §7.10
says, on functions built with pikepdf and on the tint transform ReportLab writes for a spot
colour; a sampled or malformed function gives None, never an exception."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from layout.artwork.pdffunction import domain, evaluate

PDF = pikepdf.new()  # the owner of the streams made here (kept open: they read from it)


def _calculator(program: bytes, outputs: int = 1) -> pikepdf.Stream:
    stream = pikepdf.Stream(PDF, program)
    stream.FunctionType = 4
    stream.Domain = Array([-10, 10] * 4)
    stream.Range = Array([-1000, 1000] * outputs)
    return stream


def test_exponential_interpolation() -> None:
    f = Dictionary(
        FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0.2]), C1=Array([1, 0.6]), N=1
    )
    assert evaluate(f, [0.25]) == pytest.approx([0.25, 0.3])
    f.N = 2
    assert evaluate(f, [0.5]) == pytest.approx([0.25, 0.3])
    assert evaluate(f, [7.0]) == pytest.approx([1.0, 0.6])  # clipped to the domain


def test_stitching_takes_the_part_of_the_input() -> None:
    low = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0]), C1=Array([1]), N=1)
    high = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([1]), C1=Array([0]), N=1)
    f = Dictionary(
        FunctionType=3,
        Domain=Array([0, 1]),
        Functions=Array([low, high]),
        Bounds=Array([0.5]),
        Encode=Array([0, 1, 0, 1]),
    )
    assert evaluate(f, [0.25]) == pytest.approx([0.5])
    assert evaluate(f, [0.5]) == pytest.approx([1.0])
    assert evaluate(f, [0.75]) == pytest.approx([0.5])
    assert domain(f) == (0.0, 1.0)


@pytest.mark.parametrize(
    ("program", "inputs", "outputs"),
    [
        (b"{ 2 mul 1 add }", [0.5], [2.0]),
        (b"{ dup mul exch dup mul add sqrt }", [3, 4], [5.0]),
        (b"{ 0.5 gt { 1 } { 0 } ifelse }", [0.7], [1.0]),
        (b"{ 0.5 gt { 1 } { 0 } ifelse }", [0.2], [0.0]),
        (b"{ 3 1 roll }", [1, 2, 3], [3.0, 1.0, 2.0]),
        (b"{ 2 copy add 2 index }", [1, 2], [1.0, 2.0, 3.0, 1.0]),
        (b"{ 90 sin 0 cos add 7 2 idiv add 7 3 mod add }", [], [1 + 1 + 3 + 1.0]),
        (b"{ 2.6 round 2.4 floor -2.5 truncate 1 exch pop }", [], [3.0, 2.0, 1.0]),
    ],
)
def test_the_postscript_calculator(program: bytes, inputs, outputs) -> None:
    assert evaluate(_calculator(program, len(outputs)), inputs) == pytest.approx(outputs)


@pytest.mark.parametrize(
    "program", [b"{ 1 0 div }", b"{ pop }", b"{ 1 frobnicate }", b"1 2 add", b"{ 1 { 2 }"]
)
def test_a_bad_calculator_program_gives_none(program: bytes) -> None:
    assert evaluate(_calculator(program), [0.5]) is None


def test_a_sampled_function_is_not_evaluated() -> None:
    f = pikepdf.Stream(PDF, b"\x00\xff")
    f.FunctionType = 0
    f.Domain = Array([0, 1])
    f.Range = Array([0, 1])
    f.Size = Array([2])
    f.BitsPerSample = 8
    assert evaluate(f, [0.5]) is None


def test_the_tint_transform_reportlab_writes_for_a_spot_colour() -> None:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(10, 10), invariant=1)
    c.setFillColor(CMYKColorSep(0.1, 0.95, 1, 0.05, spotName="PANTONE 485 C"))
    c.rect(0, 0, 10, 10, fill=1, stroke=0)
    c.showPage()
    c.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        (space,) = pdf.pages[0].Resources.ColorSpace.values()
        assert space[0] == Name.Separation and int(space[3].FunctionType) == 4
        assert evaluate(space[3], [1.0]) == pytest.approx([0.1, 0.95, 1.0, 0.05])
        assert evaluate(space[3], [0.5]) == pytest.approx([0.05, 0.475, 0.5, 0.025])
