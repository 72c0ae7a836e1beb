"""layout.fit.report: the command the proof's advice names, and what held a box the fit
could not change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from layout.build import fonts_for
from layout.cli import main
from layout.fit.report import advice_lines, fit_command, held_lines
from layout.fit.search import fit_page
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
LOWRES = ROOT / "tests" / "fixtures" / "fit" / "lowres"


def test_a_page_fit_refuses_alone_is_advised_its_edition() -> None:
    """``page2.yaml`` continues a story of the front page: ``banmian fit page2.yaml`` refuses
    it, so the advice names the edition's fit; the tabloid page, alone, its own."""
    page2 = load_spec(ROOT / "page_specs" / "page2.yaml")
    assert fit_command(page2) == "banmian fit edition.yaml -o edition.fitted.yaml"
    tabloid = load_spec(ROOT / "page_specs" / "tabloid.yaml")
    assert fit_command(tabloid) == "banmian fit tabloid.yaml -o tabloid-fitted.yaml"


@pytest.fixture
def lowres(tmp_path: Path) -> Path:
    """A 700×500 px photo above a story 21 lines short: a taller photo would print its
    picture below press.min_ppi (200), so the boundary under it is held."""
    shutil.copytree(LOWRES, tmp_path / "page")
    images = tmp_path / "page" / "images"
    images.mkdir()
    Image.new("RGB", (700, 500), (120, 160, 200)).save(images / "p.jpg", dpi=(72, 72))
    return tmp_path / "page" / "page.yaml"


def test_the_limit_that_held_a_photo_is_said(lowres: Path, capsys) -> None:
    spec = load_spec(lowres)
    result = fit_page(spec, fonts_for(spec))
    assert not result.fits and not result.changes
    held = held_lines(result)
    assert len(held) == 1
    assert held[0].startswith("photo/low boundary: line 13→14 not made: photo: p.jpg prints at")
    assert held[0].endswith("(press.min_ppi)")
    advice = advice_lines(result)
    assert f"fit: held: {held[0]}" in advice
    assert advice[-1].endswith("(banmian fit page.yaml -o page-fitted.yaml writes them)")
    code = main(["fit", str(lowres), "-o", str(lowres.with_name("page-fitted.yaml"))])
    out = capsys.readouterr().out
    assert code == 1
    assert f"held: {held[0]}" in out.splitlines()
