"""layout.fit.spectext: the fitted spec is the page spec's own text, only numbers changed."""

from __future__ import annotations

import pytest

from layout.fit.levers import Boundary, HeadlineLines
from layout.fit.spectext import FitTextError, fitted_text, renamed_paths
from layout.yamlsource import parse_yaml

JINSHAN = "    at: {column: 1, span: 4, line: 45, lines: 38}\n    headline: {lines: 6}\n"
ENERGY = "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n"


def _boxes(text: str, spec) -> dict[str, dict]:
    """The boxes of ``text`` as the spec loader reads them (aliases expanded), by id."""
    doc = parse_yaml(text, spec.path).value
    return {b["id"]: b for b in doc["boxes"]}


def _fitted(spec, changes):
    for change in changes:
        spec = change.apply(spec)
    return spec


def test_only_the_changed_numbers_change(front_build) -> None:
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    changes = (HeadlineLines("lead", 7, 6), Boundary("jinshan", "energy", 83, 81))
    fitted = spec
    for change in changes:
        fitted = change.apply(fitted)
    out = fitted_text(text, fitted, changes)
    diff = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert diff == [
        (
            "    headline: {lines: 7, byline: true, style: lead_headline}",
            "    headline: {lines: 6, byline: true, style: lead_headline}",
        ),
        (
            "    at: {column: 1, span: 4, line: 45, lines: 38}",
            "    at: {column: 1, span: 4, line: 45, lines: 36}",
        ),
        (
            "    at: {column: 1, span: 4, line: 83, lines: 22}",
            "    at: {column: 1, span: 4, line: 81, lines: 24}",
        ),
    ]


def test_a_box_not_written_in_the_page_spec_is_refused(front_build) -> None:
    spec = front_build.spec
    fitted = HeadlineLines("lead", 7, 6).apply(spec)
    with pytest.raises(FitTextError, match="not written in the page spec") as error:
        fitted_text(
            "spec_version: 1\nextends: edition.yaml\n",
            fitted,
            [HeadlineLines("lead", 7, 6)],
            file=spec.path,
        )
    assert "front.yaml:1:1: boxes: box 'lead' is not written" in str(error.value)


@pytest.mark.parametrize(
    ("jinshan", "energy"), [(4, 8), (4, 6), (6, 8)], ids=["both", "anchor", "alias"]
)
def test_a_headline_shared_by_an_alias_is_written_for_each_box(
    front_build, jinshan: int, energy: int
) -> None:
    """``headline: &h {lines: 6}`` on one box and ``headline: *h`` on the other: the fitted
    text gives each box the lines the fit reports, never the anchor's change to both (the
    alias is written out where its value is not the anchor's any more)."""
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    text = text.replace(JINSHAN, JINSHAN.replace("headline: {", "headline: &h {"))
    text = text.replace(ENERGY, ENERGY.replace("headline: {lines: 6}", "headline: *h"))
    assert "&h" in text and "*h" in text
    changes = [
        HeadlineLines(box, 6, n) for box, n in (("jinshan", jinshan), ("energy", energy)) if n != 6
    ]
    out = fitted_text(text, _fitted(spec, changes), changes, file=spec.path)
    boxes = _boxes(out, spec)
    assert boxes["jinshan"]["headline"]["lines"] == jinshan
    assert boxes["energy"]["headline"]["lines"] == energy
    assert _boxes(text, spec)["lead"] == boxes["lead"]  # the other boxes as they were
    diff = [b for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert len(diff) == 1 + (jinshan != 6)  # the anchor's line changed, then the alias's
    if energy != jinshan:
        assert f"    headline: {{lines: {energy}}}" in out.splitlines()


def test_a_number_shared_by_an_alias_is_written_for_each_box(front_build) -> None:
    """``lines: &L 38`` and ``lines: *L`` on two boxes of one boundary: each gets its own."""
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    text = text.replace("line: 45, lines: 38}", "line: 45, lines: &L 38}")
    text = text.replace("line: 83, lines: 22}", "line: 83, lines: *L}")  # the writer's input
    change = Boundary("jinshan", "energy", 83, 81)
    out = fitted_text(text, change.apply(spec), [change], file=spec.path)
    assert "    at: {column: 1, span: 4, line: 45, lines: &L 36}\n" in out
    assert "    at: {column: 1, span: 4, line: 81, lines: 24}\n" in out


@pytest.mark.parametrize("written", ["0x16", "0o26", "+22", "022", "!!int '22'", "!!int 22"])
def test_any_integer_the_loader_reads_is_replaced_whole(front_build, written: str) -> None:
    """A number written in another form the spec loader reads (hex, octal, signed, leading
    zeros, tagged): the whole scalar is replaced by the new value in decimal, never a part of
    it (``0x12`` once became ``21x12``)."""
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    text = text.replace("line: 83, lines: 22}", f"line: 83, lines: {written}}}")
    assert _boxes(text, spec)["energy"]["at"]["lines"] == 22
    change = Boundary("jinshan", "energy", 83, 81)
    out = fitted_text(text, change.apply(spec), [change], file=spec.path)
    assert "    at: {column: 1, span: 4, line: 81, lines: 24}\n" in out


def test_line_endings_and_the_byte_order_mark_are_kept(front_build) -> None:
    spec = front_build.spec
    text = "\ufeff" + spec.path.read_text(encoding="utf-8").replace("\n", "\r\n")
    change = Boundary("jinshan", "energy", 83, 81)
    out = fitted_text(text, change.apply(spec), [change], file=spec.path)
    assert out.startswith("\ufeff")
    assert out.count("\r\n") == text.count("\r\n") and "\n" not in out.replace("\r\n", "")
    assert "    at: {column: 1, span: 4, line: 81, lines: 24}\r\n" in out


def test_block_mappings_and_comments_are_kept(front_build) -> None:
    """An ``at`` written as a block mapping, with a comment after a value: the number is
    replaced where it stands, the comment kept."""
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    flow = "    at: {column: 1, span: 4, line: 83, lines: 22}\n"
    block = (
        "    at:\n      column: 1\n      span: 4\n      line: 83      # under 金山\n"
        "      lines: 22\n"
    )
    assert flow in text
    text = text.replace(flow, block)
    change = Boundary("jinshan", "energy", 83, 85)
    out = fitted_text(text, change.apply(spec), [change])
    assert "      line: 85      # under 金山\n      lines: 20\n" in out
    assert "    at: {column: 1, span: 4, line: 45, lines: 40}\n" in out
    assert (
        out.replace("85  ", "83  ")
        .replace("lines: 20", "lines: 22")
        .replace("lines: 40", "lines: 38")
        == text
    )


def test_paths_to_fitted_files_are_renamed_where_written(tmp_path) -> None:
    """``extends``, ``continues.spec`` and ``pages[].spec`` naming a file fitted anew name the
    fitted file: quoted or plain, its folder kept, a comment after it kept in its column;
    paths to files not fitted are left."""
    page = tmp_path / "specs" / "front.yaml"
    text = (
        "extends: edition.yaml            # shared\n"
        "boxes:\n"
        "  - id: a\n"
        "    continues: {spec: 'page2.yaml', box: b}\n"
        "  - id: c\n"
        "    continues:\n"
        "      spec: ../specs/page2.yaml   # same page\n"
        "      box: d\n"
        "  - id: e\n"
        "    continues: {spec: page3.yaml, box: f}\n"
        "pages:\n"
        "  - {number: 2, name: x, spec: page2.yaml}\n"
    )
    renames = {
        tmp_path / "specs" / "edition.yaml": tmp_path / "specs" / "edition.fitted.yaml",
        tmp_path / "specs" / "page2.yaml": tmp_path / "specs" / "page2.fitted.yaml",
    }
    out = renamed_paths(text, page, renames)
    assert out == (
        "extends: edition.fitted.yaml     # shared\n"
        "boxes:\n"
        "  - id: a\n"
        "    continues: {spec: 'page2.fitted.yaml', box: b}\n"
        "  - id: c\n"
        "    continues:\n"
        "      spec: ../specs/page2.fitted.yaml # same page\n"
        "      box: d\n"
        "  - id: e\n"
        "    continues: {spec: page3.yaml, box: f}\n"
        "pages:\n"
        "  - {number: 2, name: x, spec: page2.fitted.yaml}\n"
    )
