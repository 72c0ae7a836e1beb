"""Unseen Western copy inside Chinese on a whole page (issue 10): long English and German words,
a URL, an e-mail address, a phone number in full-width digits, units, ASCII quotes, set in
11-字 columns and in a wide one, built to PDF. No character's box passes its column's edge
(pdfplumber reads the PDF back), nothing is overfull, no line breaks where 避头尾 forbids, and a
story's ``hyphenation`` language is the one its long words break by."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.compose.page import compose_page
from layout.compose.setter import Setter, for_article
from layout.fonts import library
from layout.report import ProblemKind
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"

BODY = [
    "医生说这种病叫pseudopseudohypoparathyroidism，十分罕见。",
    "他曾在Donaudampfschifffahrtsgesellschaft工作多年。",
    "详见https://www.pinghu.gov.cn/news/2025/04/30/economy-first-quarter-report.html?id=7188。",
    "来稿请寄zhangsan.reporter@pinghu-daily-news.example.com.cn，谢谢。",
    "咨询电话：０５７３－８５０１２３４５。",
    "全年发电量3.5亿kW·h，扭矩达20N·m。",
    '他说"今天的会议非常成功"，大家都很高兴。He said: "slowly, thanks!"',
    "他买了Kraftfahrzeughaftpflichtversicherung。",
]
# Marks whose blank half lies beyond the line end by design (clreq §3.1.6): their box in the
# PDF is the em, their ink the left half.
_BLANK_AFTER = set("，。、；：！？）”")


def _spec(tmp_path: Path) -> Path:
    boxes = []
    articles = []
    for k, (name, language, span) in enumerate(
        [("en", None, 1), ("de", "de_DE", 1), ("wide", None, 2)]
    ):
        record = {"id": name, "headline": "西文", "body": BODY}
        if language:
            record["hyphenation"] = language
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        articles.append(str(path))
        column = 1 + sum(s for _, _, s in [("en", None, 1), ("de", None, 1)][:k])
        boxes.append(
            {
                "id": name,
                "kind": "article",
                "article": name,
                "at": {"column": column, "span": span, "line": 1, "lines": 60},
                "columns": 1,
                "headline": {"lines": 4},
            }
        )
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["grid"].update(column_width="11字", lines=60)
    doc["page"]["trim"] = {"width": "240mm", "height": "340mm"}
    doc["articles"] = articles
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["boxes"] = boxes
    spec = tmp_path / "western.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("western")
    spec_path = _spec(tmp_path)
    spec = load_spec(spec_path)
    page = compose_page(spec, library(spec.fonts_manifest))
    pdf = tmp_path / "western.pdf"
    assert main(["build", str(spec_path), "-o", str(pdf), "--no-pdfx"]) == 0
    return spec, page, pdf


def test_nothing_overfull_and_no_prohibited_break(built) -> None:
    _, page, _ = built
    kinds = {p.kind for p in page.problems}
    assert ProblemKind.OVERFULL_LINE not in kinds, page.problems
    assert ProblemKind.PROHIBITED_BREAK not in kinds, page.problems
    assert ProblemKind.OVERSET not in kinds


def test_no_character_passes_its_column(built) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    spec, page, pdf = built
    bleed = spec.page.bleed
    columns = [c for box in page.boxes for c in box.columns]
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    checked = 0
    for ch in chars:
        x0, x1, top = ch["x0"] - bleed, ch["x1"] - bleed, ch["top"] - bleed
        column = next(
            (c for c in columns if c.x - 1 <= x0 <= c.right and c.y <= top <= c.bottom), None
        )
        if column is None:
            continue  # a headline, above the columns
        right = x0 + (x1 - x0) / 2 if ch["text"] in _BLANK_AFTER else x1
        assert right <= column.right + 0.01, (ch["text"], x1, column)
        assert x0 >= column.x - 0.01 or ch["text"] in "“（", (ch["text"], x0, column)
        checked += 1
    assert checked > 300


def test_text_extracts_whole(built) -> None:
    _, _, pdf = built
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = text.replace("\n", "")
    assert "0573-85012345" in flat  # normalised, proportional, one number
    assert "kW·h" in flat and "20N·m" in flat
    # The hyphen drawn at a hyphenated line's end is printed, and extracts as what it is.
    assert "-\n" in text


def test_the_word_space_after_a_latin_comma_is_printed(built) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    _, _, pdf = built
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    text = "".join(c["text"] for c in chars)
    gaps = []
    at = text.find("slowly,thanks")
    while at >= 0:
        comma, t = chars[at + len("slowly")], chars[at + len("slowly,")]
        if abs(comma["top"] - t["top"]) < 0.1:  # on one line
            gaps.append((t["x0"] - comma["x1"]) / comma["size"])
        at = text.find("slowly,thanks", at + 1)
    assert gaps and min(gaps) >= 0.2  # a word space (¼ em, shrinking no further)


def test_the_story_language_breaks_its_long_words(built) -> None:
    spec, page, _ = built
    body = spec.styles["body"]
    assert for_article(body, spec.articles["de"]).hyphenation == "de_DE"
    assert for_article(body, spec.articles["en"]).hyphenation == body.hyphenation == "en_US"
    setter = Setter(library(spec.fonts_manifest), spec.styles)
    measure = next(b for b in page.boxes if b.id == "de").columns[0].width
    word = "Kraftfahrzeughaftpflichtversicherung"
    de = setter.set(BODY[-1], for_article(body, spec.articles["de"]), measure)
    en = setter.set(BODY[-1], for_article(body, spec.articles["en"]), measure)
    # de_DE: Kraft-fahr-zeug-haft-pflicht-ver-si-che-rung, every break a hyphenated one
    german = ("Kraft", "fahr", "zeug", "haft", "pflicht", "ver", "si", "che")
    broken = [line.text for line in de.lines[:-1]]
    assert all(line.hyphenated for line in de.lines[:-1]) and len(broken) >= 2
    assert all(text.endswith(german) for text in broken), broken
    # en_US knows Kraft-fahrzeughaftpflichtver-sicherung only: its 22-letter middle is wider
    # than the column, so it also breaks between letters there, without hyphen.
    assert any(not line.hyphenated for line in en.lines[:-1])
    assert "".join(line.text for line in en.lines) == "".join(line.text for line in de.lines)
    assert word in "".join(line.text for line in de.lines)
