"""A face's vertical forms judged by their outlines (``layout.fonts.vertforms``): every form
of the shipped faces is taken, Droid Sans Fallback's ideographs for 、。「」 are refused, and a
face of one's own whose ``vert`` gives ， and 「 ideograph-sized glyphs has its marks drawn
moved and turned in 竖排 and named once in a ``bad-vertical-form`` warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.compose.page import compose_page
from layout.fonts import Face, library
from layout.fonts.vertforms import INK_TOLERANCE, Outline, checked, same_mark
from layout.page import TextRun
from layout.report import BadVerticalForms, ProblemKind
from layout.spec import load_spec

from . import fontmaker as fm

SHIPPED = ("song", "song-heavy", "hei", "hei-regular", "hei-heavy", "kai")
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
# The marks Droid Sans Fallback's GSUB maps to ideographs (glyphs 38538–38588) that banmian
# draws in 竖排; its table maps more (〓〘〙〜〝〟゠), refused as well.
DROID_BAD = "、。《》「」『』【】〔〕〖〗・ー"


def forms_of(face: Face) -> dict[str, int]:
    """Every character of ``face`` that its ``GSUB`` gives a vertical form, with the form."""
    substituted = {gid for lookup in face.vertical_forms for gid in lookup}
    return {chr(code): gid for code, gid in face.cmap.items() if gid in substituted}


def test_a_form_moved_or_turned_is_its_mark_and_another_glyph_is_not() -> None:
    comma = Outline(1, 0.2, 0.25)
    assert same_mark(comma, Outline(1, 0.2, 0.25))  # moved: the same ink
    assert same_mark(comma, Outline(1, 0.25, 0.2))  # turned 90°
    assert same_mark(comma, Outline(1, 0.2 + INK_TOLERANCE, 0.25))  # a little redrawn
    assert not same_mark(comma, Outline(1, 0.68, 0.88))  # an ideograph's ink (甚 for 、)
    assert not same_mark(comma, Outline(6, 0.2, 0.25))  # as big, but other contours
    assert same_mark(comma, Outline(-1, 0.2, 0.25))  # a composite: its ink alone
    assert not same_mark(comma, None)  # an empty form of an inked mark
    assert same_mark(None, Outline(1, 0.5, 0.5))  # a space has any form
    assert checked("、") and checked("ー") and checked("〗")
    assert not checked("ぁ") and not checked("中")  # letters: their forms may be redrawn


@pytest.mark.parametrize("face_id", SHIPPED)
def test_every_vertical_form_of_a_shipped_face_is_taken(face_id: str) -> None:
    face = Face(library().face(face_id).info)
    forms = forms_of(face)
    marks = [ch for ch in forms if checked(ch)]
    assert len(marks) > 40  # the face's punctuation and symbols, judged
    assert [ch for ch in forms if face.refuses_form(ch)] == []
    assert all(face.vertical_form(ch) is not None for ch in "，。、「」《》")
    # LXGW WenKai's ‘ takes ﹁, the corner bracket: measured against its 「.
    assert face.vertical_form("‘") is not None


@pytest.mark.skipif(not DROID.exists(), reason="Droid Sans Fallback (fonts-droid-fallback)")
def test_droid_sans_fallbacks_ideographs_are_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(
        f"faces:\n  droid: {{file: {DROID}, family: Droid Sans Fallback}}\n"
        "roles:\n  song: [droid]\n",
        encoding="utf-8",
    )
    fonts = library(tmp_path / "manifest.yaml")
    face = fonts.face("droid")
    refused = {ch for ch in forms_of(face) if face.refuses_form(ch)}
    assert set(DROID_BAD) <= refused
    assert all(face.vertical_form(ch) is None for ch in DROID_BAD)
    assert fonts.metrics("song").refused_form("、") == "droid"
    assert fonts.metrics("song").refused_form("中") is None


def test_a_face_whose_forms_are_other_glyphs_draws_the_marks_itself(tmp_path: Path) -> None:
    bad = fm.font_bytes(fm.cjk_font("TestBad", cff=False, bad_forms=True))
    spec_path = fm.write_project(tmp_path, {"bad.ttf": bad}, {"bad": "bad.ttf"}, ["bad"])
    spec = load_spec(spec_path)
    fonts = library(spec.fonts_manifest)
    face = fonts.face("bad")
    assert face.refuses_form("，") and face.refuses_form("「")
    assert face.vertical_form("，") is None and face.vertical_form("「") is None
    assert not face.refuses_form("。") and face.vertical_form("。") is not None
    page = compose_page(spec, fonts)
    # Once for the page, naming the face and the marks its vertical box drew, in the order
    # drawn (the horizontal box draws them too: there no vertical form is asked for).
    (found,) = [p for p in page.problems if p.kind is ProblemKind.BAD_VERTICAL_FORM]
    assert found.details == BadVerticalForms(face="bad", marks="「，")
    assert found.details.to_json() == {"face": "bad", "marks": "「，"}
    assert found.message.startswith("'bad': ") and "of 「， are other glyphs" in found.message
    down = next(box.rect for box in spec.boxes if box.id == "down")
    runs = [
        op
        for op in page.ops
        if isinstance(op, TextRun) and down.x <= op.x <= down.right and op.text in "「，。"
    ]
    assert runs
    for run in runs:
        if run.text == "「":  # a bracket without its form: turned
            assert run.turn == 90 and run.glyph is None
        elif run.text == "，":  # a comma without its form: upright, its own glyph, moved
            assert run.turn == 0 and run.glyph is None
        else:  # 。 keeps its sound vertical form
            assert run.glyph == face.vertical_form("。")
