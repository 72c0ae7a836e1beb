"""Advert boxes (广告): a supplied PDF page or picture placed as it is, its size checked
against the box and a PDF's content against the press rules; a missing or damaged file (a
picture cut short too, in build, check, proof and proof colours alike) marks the box and is
reported with it, never a crash.

Each test sets the small page of ``tests/fixtures/advert/page.yaml`` (a story over an advert
box of 495 × 210 pt) with an advertisement made here: the shipped generator
(``tools/make_sample_advert.py``) for a good one, ReportLab for one that breaks a rule."""

from __future__ import annotations

import importlib.util
import io
import json
import random
from pathlib import Path

import pytest
from PIL import Image

from layout.artwork.advert import Rule, read_advert
from layout.build import build
from layout.cli import main
from layout.errors import SpecErrors
from layout.geometry import Rect
from layout.page import AdvertOp, ImageOp, RectOp, RuleOp
from layout.report import ProblemKind, Severity
from layout.spec import load_spec

REPO = Path(__file__).resolve().parents[2]


def _ads():
    spec = importlib.util.spec_from_file_location("ads", REPO / "tests/fixtures/advert/ads.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ADS = _ads()
BOX, good_ad, drawn_ad, project = ADS.BOX, ADS.good_ad, ADS.drawn_ad, ADS.project


def _set(tmp_path: Path, **kwargs):
    result = build(project(tmp_path, **kwargs), tmp_path / "page.pdf", pdfx=True)
    box = result.spec.box("ad").rect
    ad_problems = [p for p in result.problems if p.box == "ad"]
    return result, box, ad_problems


def _advert_ops(result) -> list[AdvertOp]:
    return [op for op in result.page.ops if isinstance(op, AdvertOp)]


# --------------------------------------------------------------------------- placing


def test_an_ad_of_the_box_size_fills_the_box(tmp_path: Path) -> None:
    good_ad(tmp_path / "ad.pdf")
    result, box, problems = _set(tmp_path)
    assert (box.width, box.height) == pytest.approx(BOX)
    (op,) = _advert_ops(result)
    assert op.rect == pytest.approx(box) and op.page == 0
    assert op.bbox == pytest.approx((0.0, 0.0, *BOX))
    assert problems == [] and result.problems == ()
    layout = next(b for b in result.page.boxes if b.id == "ad")
    assert layout.kind == "advert" and layout.article is None


def test_an_ad_within_the_tolerance_is_scaled_in_proportion_and_centred(tmp_path: Path) -> None:
    good_ad(tmp_path / "ad.pdf", (BOX[0] + 2.5, BOX[1] + 1.0))  # under 1 mm (2.83 pt) over
    result, box, problems = _set(tmp_path)
    assert problems == []
    (op,) = _advert_ops(result)
    assert op.rect.width / op.rect.height == pytest.approx((BOX[0] + 2.5) / (BOX[1] + 1.0))
    assert box.contains(op.rect)
    assert op.rect.x - box.x == pytest.approx(box.right - op.rect.right)
    assert op.rect.y - box.y == pytest.approx(box.bottom - op.rect.bottom)


def test_a_wrong_size_ad_is_an_error_naming_box_and_file_and_still_placed(
    tmp_path: Path,
) -> None:
    good_ad(tmp_path / "ad.pdf", (400.0, 210.0))
    result, box, problems = _set(tmp_path)
    (problem,) = problems
    assert problem.kind is ProblemKind.ADVERT_SIZE and problem.severity is Severity.ERROR
    assert "ad.pdf is 141.1 × 74.1 mm, the box 174.6 × 74.1 mm" in problem.message
    assert problem.where == box
    (op,) = _advert_ops(result)
    assert op.rect.height == pytest.approx(box.height) and op.rect.width == pytest.approx(400.0)
    assert op.rect.x - box.x == pytest.approx(box.right - op.rect.right)  # centred


def test_the_tolerance_is_the_box_s(tmp_path: Path) -> None:
    good_ad(tmp_path / "ad.pdf", (400.0, 210.0))
    _, _, problems = _set(tmp_path, keys="    tolerance: 35mm\n")
    assert problems == []


def test_the_page_key_takes_that_page(tmp_path: Path) -> None:
    drawn_ad(tmp_path / "ad.pdf", pages=2)
    result, _, problems = _set(tmp_path, keys="    page: 2\n")
    (op,) = _advert_ops(result)
    assert op.page == 1 and problems == []


# --------------------------------------------------------------------------- missing, broken


def _marked(result, box: Rect) -> bool:
    """The box drawn as a missing picture: a grey box and its two diagonals."""
    rects = [op for op in result.page.ops if isinstance(op, RectOp) and op.rect == box]
    rules = [
        op
        for op in result.page.ops
        if isinstance(op, RuleOp)
        and {op.x1, op.x2} == {box.x, box.right}
        and {op.y1, op.y2} == {box.y, box.bottom}
    ]
    return len(rects) == 1 and len(rules) == 2


@pytest.mark.parametrize(
    ("write", "file", "keys", "says"),
    [
        (None, "ad.pdf", "", "the file does not exist"),
        (b"", "ad.pdf", "", "the file is empty"),
        (b"%PDF-1.4\nthis is not a PDF at all", "ad.pdf", "", "damaged PDF"),
        ("gif", "ad.gif", "", "GIF images are not supported"),
        ("one-page", "ad.pdf", "    page: 3\n", "has 1 page (page 3 asked)"),
        ("jpeg", "ad.jpg", "    page: 1\n", "'page: 1' is for a PDF"),
    ],
)
def test_a_missing_or_broken_ad_marks_its_box_and_is_reported_with_it(
    tmp_path: Path, write, file: str, keys: str, says: str
) -> None:
    path = tmp_path / file
    if write == "one-page":
        good_ad(path)
    elif write == "gif":
        Image.new("P", (99, 42)).save(path, "GIF")
    elif write == "jpeg":
        Image.new("RGB", (990, 420), (10, 10, 10)).save(path)
    elif write is not None:
        path.write_bytes(write)
    result, box, problems = _set(tmp_path, file=file, keys=keys)
    (problem,) = problems
    assert problem.kind is ProblemKind.MISSING_ADVERT and problem.severity is Severity.ERROR
    assert says in problem.message and file in problem.message
    assert problem.where == box
    assert _marked(result, box) and _advert_ops(result) == []


def _cut_picture(path: Path, fmt: str) -> Path:
    """A picture of the box's proportions in ``fmt``, of noise (it does not compress away),
    cut to half its bytes: its header whole, its image data ending early."""
    size = (330, 140)
    pixels = random.Random(3).randbytes(size[0] * size[1] * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", size, pixels).save(out, fmt)
    data = out.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


CUT = [("JPEG", "ad.jpg"), ("PNG", "ad.png"), ("TIFF", "ad.tif")]


@pytest.mark.parametrize(("fmt", "file"), CUT)
def test_a_cut_picture_ad_marks_its_box_in_the_press_pdf_and_in_proof_colours(
    tmp_path: Path, fmt: str, file: str
) -> None:
    _cut_picture(tmp_path / file, fmt)
    spec = project(tmp_path, file=file)
    for pdfx in (True, False):
        result = build(spec, tmp_path / "page.pdf", pdfx=pdfx)
        box = result.spec.box("ad").rect
        (problem,) = [p for p in result.problems if p.box == "ad"]
        assert problem.kind is ProblemKind.MISSING_ADVERT and problem.severity is Severity.ERROR
        assert problem.message.startswith(f"advertisement file '{tmp_path / file}': ")
        assert f"truncated {fmt}" in problem.message and problem.where == box
        assert _marked(result, box)
        assert not any(isinstance(op, ImageOp) for op in result.page.ops)


@pytest.mark.parametrize(("fmt", "file"), CUT)
def test_a_cut_picture_ad_is_the_same_error_in_build_check_and_proof(
    tmp_path: Path, capsys, fmt: str, file: str
) -> None:
    _cut_picture(tmp_path / file, fmt)
    spec = project(tmp_path, file=file)
    said = f"missing-advert: box ad: advertisement file '{tmp_path / file}': truncated {fmt}"
    for command in (
        ["build", str(spec), "-o", str(tmp_path / "page.pdf")],
        ["build", str(spec), "-o", str(tmp_path / "page.pdf"), "--no-pdfx"],
        ["check", str(spec)],
    ):
        assert main(command) == 0, command
        assert said in capsys.readouterr().err, command
    assert main(["check", str(spec), "--strict"]) == 1
    capsys.readouterr()
    assert main(["proof", str(spec), "-o", str(tmp_path / "proof.pdf"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (problem,) = [p for p in report["problems"] if p["box"] == "ad"]
    assert problem["kind"] == "missing-advert" and problem["details"]["file"] == str(
        tmp_path / file
    )
    assert f"truncated {fmt}" in problem["message"]


def test_a_missing_ad_through_the_cli_builds_and_strict_fails(tmp_path: Path, capsys) -> None:
    spec = project(tmp_path)
    out = tmp_path / "page.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "missing-advert: box ad" in err and "ad.pdf" in err
    assert out.is_file()
    assert main(["build", str(spec), "-o", str(out), "--strict"]) == 1
    assert main(["check", str(spec), "--strict"]) == 1


def test_the_output_may_not_be_the_ad_file(tmp_path: Path, capsys) -> None:
    ad = good_ad(tmp_path / "ad.pdf")
    before = ad.read_bytes()
    assert main(["build", str(project(tmp_path)), "-o", str(ad)]) == 2
    assert "an advertisement" in capsys.readouterr().err
    assert ad.read_bytes() == before


# --------------------------------------------------------------------------- press rules


@pytest.mark.parametrize(
    ("options", "rule", "says"),
    [
        ({"rgb": True}, Rule.RGB, "RGB colour (rg operator)"),
        ({"helvetica": True}, Rule.FONT, "font Helvetica is not embedded"),
        ({"alpha": True}, Rule.TRANSPARENCY, "below 1"),
        ({"cmyk": (1.0, 1.0, 1.0, 1.0)}, Rule.INK, "400% total ink (limit 240%)"),
    ],
)
def test_a_pdf_ad_breaking_a_press_rule_is_reported(
    tmp_path: Path, options: dict, rule: Rule, says: str
) -> None:
    drawn_ad(tmp_path / "ad.pdf", **options)
    result, box, problems = _set(tmp_path)
    found = [p for p in problems if p.details.rule == rule.value]
    assert found and all(p.kind is ProblemKind.ADVERT_PRESS for p in found)
    (problem,) = found
    assert says in problem.message and problem.message.startswith("ad.pdf: ")
    assert problem.severity is Severity.ERROR and problem.where == box
    assert len(_advert_ops(result)) == 1  # placed all the same, for the proof


def test_ink_is_measured_against_the_spec_limit(tmp_path: Path) -> None:
    ad = good_ad(tmp_path / "ad.pdf")
    assert read_advert(ad, None, 240.0).findings == ()
    assert read_advert(ad, None, 240.0).max_ink == pytest.approx(195.0)  # the process red
    (finding,) = read_advert(ad, None, 180.0).findings
    assert finding.rule is Rule.INK and "195% total ink (limit 180%)" in finding.message


# --------------------------------------------------------------------------- pictures


def test_a_picture_ad_is_placed_as_a_photo_and_its_proportions_checked(tmp_path: Path) -> None:
    Image.new("RGB", (2063, 875), (200, 30, 30)).save(tmp_path / "ad.jpg", quality=90)
    result, box, problems = _set(tmp_path, file="ad.jpg")
    assert problems == []
    (op,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    assert op.clip.width == pytest.approx(box.width, abs=0.2)
    assert op.clip.height == pytest.approx(box.height, abs=0.2)
    assert op.ppi == pytest.approx(300, rel=0.01)

    Image.new("RGB", (2000, 2000), (200, 30, 30)).save(tmp_path / "square.png")
    _, _, problems = _set(tmp_path, file="square.png")
    (problem,) = problems
    assert problem.kind is ProblemKind.ADVERT_SIZE
    assert "square.png (2000 × 2000 px) has other proportions than the box" in problem.message


def test_a_low_resolution_picture_ad_is_reported_as_a_photo_would_be(tmp_path: Path) -> None:
    Image.new("L", (495, 210), 80).save(tmp_path / "ad.png")  # 72 ppi
    _, _, problems = _set(tmp_path, file="ad.png")
    (problem,) = problems
    assert problem.kind is ProblemKind.LOW_RESOLUTION and problem.severity is Severity.ERROR


# --------------------------------------------------------------------------- the spec


@pytest.mark.parametrize(
    ("box", "says"),
    [
        ("  - {id: ad2, kind: advert, at: {column: 1, span: 1, line: 15, lines: 1}}", "file"),
        (
            "  - {id: ad2, kind: advert, file: a.pdf, page: 0,"
            " at: {column: 1, span: 1, line: 15, lines: 1}}",
            "page",
        ),
        (
            "  - {id: ad2, kind: advert, file: a.pdf, caption: x,"
            " at: {column: 1, span: 1, line: 15, lines: 1}}",
            "caption",
        ),
        (
            "  - {id: ad2, kind: advert, file: a.pdf, tolerance: -1mm,"
            " at: {column: 1, span: 1, line: 15, lines: 1}}",
            "tolerance",
        ),
    ],
)
def test_bad_advert_keys_are_positioned_errors(tmp_path: Path, box: str, says: str) -> None:
    spec = project(tmp_path)
    spec.write_text(spec.read_text(encoding="utf-8") + box + "\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as caught:
        load_spec(spec)
    (error,) = caught.value.errors
    assert str(error).startswith(f"{spec}:") and says in str(error)
    assert "boxes[2]" in str(error)


def test_the_proof_reports_a_wrong_size_ad_with_its_numbers(tmp_path: Path, capsys) -> None:
    good_ad(tmp_path / "ad.pdf", (400.0, 210.0))
    spec = project(tmp_path)
    assert main(["proof", str(spec), "-o", str(tmp_path / "proof.pdf"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (problem,) = [p for p in report["problems"] if p["box"] == "ad"]
    assert problem["kind"] == "advert-size"
    assert problem["details"] == {
        "file": str(tmp_path / "ad.pdf"),
        "size_mm": {"w": 141.1, "h": 74.1},
        "box_mm": {"w": 174.6, "h": 74.1},
    }


def test_a_heavier_rule_stands_between_the_story_and_the_ad(tmp_path: Path) -> None:
    """广告法 §14: an advertisement is marked off from the paper's own content — the rule on
    the edge where the story above meets the ad is heavier than a hairline between stories."""
    from layout.compose.page import ADVERT_RULE, STORY_RULE

    good_ad(tmp_path / "ad.pdf")
    result, box, _ = _set(tmp_path)
    story = result.spec.box("story").rect
    assert 0 < box.y - story.bottom <= result.spec.grid.line_pitch  # a line of space between
    middle = (story.bottom + box.y) / 2
    edge = [
        op
        for op in result.page.ops
        if isinstance(op, RuleOp) and op.y1 == op.y2 == pytest.approx(middle)
    ]
    assert [op.width for op in edge] == [ADVERT_RULE]
    assert ADVERT_RULE > STORY_RULE
    assert edge[0].x1 == pytest.approx(max(box.x, story.x))
    assert edge[0].x2 == pytest.approx(min(box.right, story.right))
