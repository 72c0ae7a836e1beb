"""``font-fallback`` (layout/compose/fallback.py): a style whose font role's first face set
under a tenth of the 汉字 drawn in it on a page, on a face made here (Latin and a few 汉字)
put first in the body's role, and on the sample edition."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from layout.cli import main
from layout.compose.fallback import StyleHan, fallback_problems, han_by_face
from layout.compose.fallback import ideographs as fallback_ideographs
from layout.compose.page import compose_page
from layout.compose.setter import RunInText, Setter, Where
from layout.edition import load_edition
from layout.fonts import FIRST_FACE_SHARE, library
from layout.geometry import Rect
from layout.page import TextRun
from layout.report import FontFallback, ProblemKind
from layout.spec import load_spec
from layout.text.chars import is_ideograph

sys.path.insert(0, str(Path(__file__).parents[1] / "fonts"))
sys.path.insert(0, str(Path(__file__).parent))
import fontmaker as fm  # noqa: E402
from threads_project import MANIFEST, Box, write_page, write_story  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
SHIPPED = yaml.safe_load((REPO / "fonts" / "manifest.yaml").read_text(encoding="utf-8"))
# The few 汉字 the Latin face has: 一 to 三 (U+4E00–4E09), common in any story.
FEW = ((0x4E00, 0x4E09),)
LATIN_FAMILY = "Test Latin"

ONE_BOX = """\
  - id: story
    kind: article
    article: labour
    at: {column: 1, span: 4, line: 1, lines: 60}
    headline: {lines: 6}
"""


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))


def ideographs(text: str) -> int:
    return sum(1 for ch in text if is_ideograph(ord(ch)))


def latin_manifest(tmp_path: Path) -> Path:
    """The shipped fonts with a face of Latin and 一 to 三 (made here, TrueType) put first in
    role ``song``, the body's."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    face = fonts / "latin.ttf"
    face.write_bytes(fm.font_bytes(fm.cjk_font(LATIN_FAMILY, cff=False, covered=FEW, vert=False)))
    lines = ["faces:", f"  latin: {{file: {face}, family: {LATIN_FAMILY}}}"]
    for key, entry in SHIPPED["faces"].items():
        keys = {k: v for k, v in entry.items() if k in ("family", "weight", "optional")}
        keys["file"] = str(REPO / "fonts" / entry["file"])
        lines.append(f"  {key}: {json.dumps(keys, ensure_ascii=False)}")
    lines.append("roles:")
    for role, chain in SHIPPED["roles"].items():
        lines.append(f"  {role}: {json.dumps((['latin'] if role == 'song' else []) + chain)}")
    manifest = fonts / "manifest.yaml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def latin_project(tmp_path: Path) -> tuple[Path, Path]:
    """The front page's lead story alone, its fonts the shipped ones with a face of Latin
    and 一 to 三 (:func:`latin_manifest`). Returns the spec and the manifest."""
    manifest = latin_manifest(tmp_path)
    text = (
        FRONT_TEXT.read_text(encoding="utf-8")
        .replace("articles: ../../articles", f"articles: {REPO / 'articles'}")
        .replace("fonts: ../../fonts/manifest.yaml", "fonts: fonts/manifest.yaml")
    )
    head = text[: text.index("\nboxes:")]
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{head}\nboxes:\n{ONE_BOX}", encoding="utf-8")
    return spec, manifest


def test_a_body_set_in_a_latin_face_is_one_warning_with_the_counts(tmp_path: Path) -> None:
    spec_path, manifest = latin_project(tmp_path)
    spec = load_spec(spec_path)
    page = compose_page(spec, library(manifest))
    (found,) = [p for p in page.problems if p.kind is ProblemKind.FONT_FALLBACK]
    details = found.details
    assert isinstance(details, FontFallback)
    assert (details.style, details.role, details.face) == ("body", "song", "latin")
    # What the page draws in the Latin face: the 一二三 of the body, and nothing else.
    runs = [op for op in page.ops if isinstance(op, TextRun)]
    in_latin = sum(ideographs(op.text) for op in runs if op.face == "latin")
    assert details.first_face == in_latin > 0
    assert details.first_face < FIRST_FACE_SHARE * details.han
    faces = [face for face, _ in details.set_by]
    assert faces[0] == "song" and "hei" not in faces  # the dateline 本报讯 is its own style
    assert details.han == details.first_face + sum(n for _, n in details.set_by)
    assert found.message.startswith(
        f"body: '{LATIN_FAMILY}' set {details.first_face} of {details.han:,} 汉字; "
        "'Noto Serif CJK SC' set the rest (font role 'song'"
    )
    assert found.severity.value == "warning" and found.box is None
    # The other styles name roles whose first face is a CJK one: nothing said of them.
    assert not [p for p in page.problems if p.kind is ProblemKind.MISSING_GLYPH]


def test_check_and_the_json_report_say_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    spec, _ = latin_project(tmp_path)
    code = main(["check", str(spec)])
    err = capsys.readouterr().err
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if "font-fallback" in line]
    assert line.startswith(f"warning: font-fallback: body: '{LATIN_FAMILY}' set ")
    assert main(["check", str(spec), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    schema = json.loads((REPO / "docs" / "schema" / "report.schema.json").read_text("utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(report)] == []
    (problem,) = [p for p in report["problems"] if p["kind"] == "font-fallback"]
    assert problem["severity"] == "warning"
    assert problem["details"]["style"] == "body" and problem["details"]["face"] == "latin"
    assert problem["details"]["set_by"][0]["face"] == "song"


def test_the_sample_edition_says_nothing_of_it() -> None:
    edition = load_edition(REPO / "page_specs" / "edition.yaml")
    fonts = library(edition.specs[0].fonts_manifest)
    for spec in edition.specs:
        page = compose_page(spec, fonts)
        assert not [p for p in page.problems if p.kind is ProblemKind.FONT_FALLBACK]


def test_the_setter_counts_the_lines_of_this_page_and_the_run_in_apart(tmp_path: Path) -> None:
    spec_path, manifest = latin_project(tmp_path)
    spec = load_spec(spec_path)
    setter = Setter(library(manifest), spec.styles)
    body, hei = spec.styles["body"], spec.styles["kicker"]
    text = "一二三四五六七八九十" * 6
    par = setter.set(text, body, 10 * body.size, run_in=RunInText("本报讯", hei))
    assert len(par.lines) > 2
    setter.problems(par, body, Where("story"), lines=2, run_in=RunInText("本报讯", hei))
    drawn = {s.style: s for s in setter.han_drawn()}
    assert drawn["kicker"] == StyleHan("kicker", "hei", {"hei": 3})
    on_two = sum(ideographs(line.text) for line in par.lines[:2]) - 3
    assert sum(drawn["body"].faces.values()) == on_two
    # 一二三 in the Latin face, the rest in the next face of the chain.
    assert set(drawn["body"].faces) == {"latin", "song"}
    faces = {"一": "latin", "二": "latin", "三": "latin", "四": None}
    counted = {"一": 2, "二": 1, "四": 5, "五": 3}
    found = han_by_face(counted, lambda chars: [faces.get(ch, "song") for ch in chars])
    assert found == {"latin": 3, "song": 3}


def test_the_ideographs_found_are_those_is_ideograph_says() -> None:
    # Each range's first and last code point, and those just outside (kana, 々, a symbol).
    edges = [0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x3134F, 0x31350, 0x323AF]
    near = [c + d for c in edges for d in (-1, 0, 1)] + [0x3042, 0x3005, 0x3007, 0x2E80]
    text = "".join(map(chr, near))
    assert fallback_ideographs(text) == "".join(chr(c) for c in near if is_ideograph(c))


FAMILIES = {"a": "Foo Sans", "b": "Noto Sans CJK SC", "c": "Noto Sans CJK SC"}


@pytest.mark.parametrize(
    ("own", "warned"),
    [(0, True), (99, True), (100, False), (1000, False)],
)
def test_under_a_tenth_is_reported(own: int, warned: bool) -> None:
    drawn = [StyleHan("body", "song", {"a": own, "b": 1000 - own})]
    found = fallback_problems(drawn, {"song": ("a", "b")}, FAMILIES)
    assert bool(found) is warned


def test_the_message_names_every_face_and_counts_with_separators() -> None:
    drawn = [
        StyleHan("headline", "disp", {"a": 12, "b": 1200, "c": 34}),
        StyleHan("caption", "kai", {}),  # no 汉字: nothing to judge
        StyleHan("gone", "unknown", {"a": 1}),  # a role the manifest has not: not this check's
    ]
    chains = {"disp": ("a", "c", "b"), "kai": ("b",)}
    (found,) = fallback_problems(drawn, chains, FAMILIES)
    assert found.message.startswith(
        "headline: 'Foo Sans' set 12 of 1,246 汉字; 'Noto Sans CJK SC' (face b) (1,200), "
        "'Noto Sans CJK SC' (face c) (34) set the rest (font role 'disp'"
    )
    assert found.details == FontFallback(
        style="headline", role="disp", face="a", han=1246, first_face=12,
        set_by=(("b", 1200), ("c", 34)),
    )  # fmt: skip
    assert found.details.to_json() == {
        "style": "headline",
        "role": "disp",
        "face": "a",
        "han": 1246,
        "first_face": 12,
        "set_by": [{"face": "b", "han": 1200}, {"face": "c", "han": 34}],
    }


def test_a_vertical_box_counts_as_a_horizontal_one(tmp_path: Path) -> None:
    # tests/fonts' page of a 横排 and a 竖排 story, every role's chain the Latin face first.
    face = fm.font_bytes(fm.cjk_font(LATIN_FAMILY, cff=False, covered=FEW, vert=False))
    song = REPO / "fonts" / SHIPPED["faces"]["song"]["file"]
    files = {"latin": "latin.ttf", "song": str(song)}
    spec_path = fm.write_project(tmp_path, {"latin.ttf": face}, files, ["latin", "song"])
    spec = load_spec(spec_path)
    page = compose_page(spec, library(spec.fonts_manifest))
    found = {
        p.details.style: p.details for p in page.problems if isinstance(p.details, FontFallback)
    }
    # The stories' styles, once each; the 眉头 (2025年4月30日星期三第3版测试) has 1 of its 10
    # 汉字 in the Latin face (三): a tenth, not under it, so nothing is said of it.
    assert [p.kind for p in page.problems].count(ProblemKind.FONT_FALLBACK) == len(found) == 2
    body, head = found["body"], found["headline"]
    # Every 汉字 the two boxes draw, 横排 and 竖排, counted once, by the face that drew it.
    rects = [box.rect for box in spec.boxes]
    runs = [
        op
        for op in page.ops
        if isinstance(op, TextRun) and any(r.contains(Rect(op.x, op.y, 0.0, 0.0)) for r in rects)
    ]
    in_latin = sum(ideographs(op.text) for op in runs if op.face == "latin")
    in_song = sum(ideographs(op.text) for op in runs if op.face == "song")
    assert body.first_face + head.first_face == in_latin > 0
    assert dict(body.set_by)["song"] + dict(head.set_by)["song"] == in_song


def test_a_story_through_two_boxes_is_counted_once(tmp_path: Path) -> None:
    # Box a (4 lines) goes on in box b: the cut paragraph's lines are counted where drawn.
    manifest = latin_manifest(tmp_path)
    write_story(tmp_path, "story", ["一年来，春潮涌动，活力勃发。" * 12, "春风里，百花争艳。" * 4])
    boxes = [Box("a", 1, 1, 1, 4, "story", "b"), Box("b", 2, 3, 1, 30)]
    path = write_page(tmp_path, "p1", 1, boxes)
    path.write_text(path.read_text("utf-8").replace(str(MANIFEST), str(manifest)), "utf-8")
    spec = load_spec(path)
    page = compose_page(spec, library(manifest))
    (body,) = [p.details for p in page.problems if isinstance(p.details, FontFallback)]
    assert body.style == "body"
    # The body's 汉字 are those its role's faces draw in the two boxes (the dateline, the
    # headline and the jump line are styles of roles without the Latin face or song first).
    runs = [op for op in page.ops if isinstance(op, TextRun) and op.face in ("latin", "song")]
    assert body.han == sum(ideographs(op.text) for op in runs)
    assert body.first_face == sum(ideographs(op.text) for op in runs if op.face == "latin") > 0
