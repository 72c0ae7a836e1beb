"""A byline set in the headline block (``headline: {byline: true}``), read back from the
built PDF at several measures: a role whose names do not fit its line goes on under its
first name (spec-reference; the reference digest, "Newspaper page practice"), each name
whole on one line, in 横排 and 竖排 heads alike."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from layout.build import build

RECORD = """\
id: bylinetest
headline: 比赛
byline:
  reporters: [林旭东, 张一, 欧阳明月]
  correspondents: [陈杰, 王小红, Tom Smith]
body:
- 记者从农业农村部获悉，截至12月2日，全国冬小麦播种面积已达3.35亿亩。
"""

PAGE = """\
spec_version: 1
extends: edition.yaml
page:
  number: 1
  name: 测试
  trim: {{width: 400mm, height: 400mm}}
  bleed: 3mm
  margins: {{top: 10mm, inside: auto, outside: auto}}
  writing_mode: {mode}
styles:  # the byline smaller than the body, as a newsroom sets it
  body: {{size: 五号}}
  byline: {{size: 小五}}
grid: {{columns: 1, column_width: {width}字, gutter: 1字, lines: 40, body_style: body}}
boxes:
  - {{id: w, kind: article, article: bylinetest, at: {{column: 1, span: 1, line: 1, lines: 40}},
     headline: {{lines: 16, byline: true}}}}
"""

# Each role's names as the PDF shows them: a name's parts an em apart (a two-character name
# padded to three), a Western name's words a space apart (less than half an em: one part).
BYLINE_SIZE = 9.0  # 小五, the page's byline size (a turned glyph's reported size is not it)
ROLES = (
    (("林旭东",), ("张", "一"), ("欧阳明月",)),
    (("陈", "杰"), ("王小红",), ("TomSmith",)),
)


def _byline_lines(sample_edition: Path, mode: str, width: int) -> list[list[dict]]:
    """The byline's lines on the built page, each its characters in reading order."""
    (sample_edition.parent.parent / "articles" / "bylinetest.yaml").write_text(RECORD, "utf-8")
    spec = sample_edition.parent / "byline.yaml"
    spec.write_text(PAGE.format(mode=mode, width=width), "utf-8")
    pdf_path = spec.with_suffix(".pdf")
    build(spec, pdf_path, pdfx=False)
    vertical = mode == "vertical-rl"
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    # A line is the byline font's characters about one middle across the line (x in 竖排,
    # y in 横排), a Western word turned in 竖排 as well as the upright characters.
    across = ("x0", "x1") if vertical else ("top", "bottom")
    kai = sorted(
        (c for c in chars if "WenKai" in c["fontname"]),
        key=lambda c: c[across[0]] + c[across[1]],
    )
    groups: list[list[dict]] = []
    for c in kai:
        middle = (c[across[0]] + c[across[1]]) / 2
        if groups and middle - groups[-1][-1]["middle"] < BYLINE_SIZE / 2:
            groups[-1].append({**c, "middle": middle})
        else:
            groups.append([{**c, "middle": middle}])
    if vertical:
        groups.reverse()  # right to left
    along = "top" if vertical else "x0"
    return [sorted(line, key=lambda c: c[along]) for line in groups]


def _parts(line: list[dict], vertical: bool) -> list[tuple[str, float]]:
    """The line's runs of characters less than half an em apart, each with where it starts
    along the line."""
    along, end = ("top", "bottom") if vertical else ("x0", "x1")
    parts: list[tuple[str, float]] = []
    last_end = -1e9
    for c in line:
        if parts and c[along] - last_end < BYLINE_SIZE / 2:
            parts[-1] = (parts[-1][0] + c["text"], parts[-1][1])
        else:
            parts.append((c["text"], c[along]))
        last_end = c[end]
    return parts


def _name_starts(lines: list[list[dict]], vertical: bool) -> list[list[float]]:
    """For each role, where each of its lines starts its names, checking on the way that the
    names come in order, each whole on one line."""
    expected = [(r, name) for r, role in enumerate(ROLES) for name in role]
    starts: list[list[float]] = [[] for _ in ROLES]
    k = 0  # the next name expected
    for line in lines:
        parts = _parts(line, vertical)
        i, first = 0, True
        while i < len(parts) and k < len(expected):
            role, name = expected[k]
            if parts[i][0] != name[0]:
                assert first, f"{parts[i][0]} stands among the names of {parts}"
                i += 1  # the mark and label
                continue
            got = tuple(text for text, _ in parts[i : i + len(name)])
            assert got == name, f"name {name} is split: {parts}"
            if first:
                starts[role].append(parts[i][1])
                first = False
            i += len(name)
            k += 1
    assert k == len(expected), "every name is printed"
    return starts


@pytest.mark.parametrize("mode", ["horizontal-tb", "vertical-rl"])
@pytest.mark.parametrize("width", [7, 8, 12, 14])
def test_wrapped_names_stand_whole_under_the_first_name(
    sample_edition: Path, mode: str, width: int
) -> None:
    vertical = mode == "vertical-rl"
    lines = _byline_lines(sample_edition, mode, width)
    for role in _name_starts(lines, vertical):
        # The wrapped lines' first names stand where the role's first name does.
        # (within a quarter em: a Western name's width is not whole ems, nor a turned
        # glyph's box its advance)
        assert role == pytest.approx([role[0]] * len(role), abs=2.0)
