"""A synthetic page for the proof's unit tests: the box of ``tests/fixtures/proof/small.yaml``
with copy-fitting numbers, an image and problems made up here, so that the tests see the
proof report what the compose stage recorded, and compute nothing of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.geometry import Rect
from layout.page import BoxLayout, ImageOp, Page
from layout.spec import PageSpec, load_spec

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"


@pytest.fixture(scope="session")
def small_spec() -> PageSpec:
    return load_spec(SMALL)


@pytest.fixture
def make_page(small_spec: PageSpec):
    """``make_page(problems=…, grid_lines=…)``: the synthetic page with those."""

    def make(**options) -> Page:
        return synthetic_page(small_spec, **options)

    return make


def synthetic_page(
    spec: PageSpec, *, problems: tuple = (), grid_lines: tuple[float, ...] = (100.0, 114.0)
) -> Page:
    box = spec.box("rare")
    r = box.rect
    half = r.width / 2
    columns = (Rect(r.x, r.y, half - 6, r.height), Rect(r.x + half + 6, r.y, half - 6, r.height))
    slots = tuple(
        Rect(columns[1].x, r.bottom - (k + 1) * 14.0, columns[1].width, 14.0) for k in range(3)
    )
    layout = BoxLayout(
        id="rare",
        kind="article",
        rect=r,
        article="rare",
        columns=columns,
        capacity_lines=20,
        used_lines=17,
        used_chars=170,
        empty_slots=tuple(reversed(slots)),
        chars_per_line=12.5,
    )
    clip = Rect(r.x + 10, r.y + 10, 100.0, 80.0)
    image = ImageOp(
        path=str(ROOT / "no-such-photo.jpg"),  # never opened: its facts are recorded
        rect=Rect(clip.x, clip.y - 5, 100.0, 90.0),
        clip=clip,
        pixels=(1000, 900),
        ppi=180.04,
    )
    return Page(
        number=spec.page.number,
        trim=Rect(0.0, 0.0, spec.page.trim_width, spec.page.trim_height),
        bleed=spec.page.bleed,
        ops=(image,),
        boxes=(layout,),
        problems=tuple(problems),
        type_area=spec.page.type_area,
        title="synthetic",
        grid_lines=grid_lines,
    )
