"""The photo conversion of ``layout.render.images``: the 3D table within the ink cap on every
pixel, the JPEG as decoded within the limit (also where coding overshoots the first aim), the
exact ink measure, the table's limiter the same integers as the array limiter, the same
bytes from the same photo; the table kept in the cache (``layout.render.presstables``): read,
not computed again, the same bytes as a fresh one, and a damaged file recomputed and
rewritten."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from layout.geometry import Rect
from layout.press import PressSettings
from layout.render import images, presstables

SETTINGS = PressSettings()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(folder))
    return folder


def _noise(width: int, height: int, seed: int) -> Image.Image:
    """Random RGB pixels: the sharpest content there is (JPEG overshoots most on it)."""
    rnd = random.Random(seed)
    return Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))


def _decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return im.copy()


@pytest.mark.parametrize("limit", [240.0, 260.0, 300.0])
def test_the_table_keeps_every_pixel_within_the_cap(limit: float) -> None:
    # Dark noise: most pixels want more ink than the limit, and every blend of the lattice
    # is reached somewhere.
    dark = _noise(300, 200, seed=3).point(lambda v: v // 2)
    limited = dark.filter(images._press_lut(b"", SETTINGS, limit))
    assert limited.mode == "CMYK" and limited.size == dark.size
    cap = int(limit * 255 / 100)
    totals = np.asarray(limited).astype(np.int32).sum(axis=-1)
    assert int(totals.max()) <= cap
    assert int(totals.max()) >= cap - 3 * images._LUT_SLACK  # limited, not emptied


def test_the_jpeg_as_decoded_is_within_the_limit_when_coding_overshoots() -> None:
    # Noise overshoots the first aim (INK_MARGIN under the limit): the second pass runs.
    photo = _noise(240, 160, seed=5).point(lambda v: v // 2)
    first_aim = SETTINGS.ink_limit - images.INK_MARGIN
    first = photo.filter(images._press_lut(b"", SETTINGS, first_aim))
    assert images.max_ink(_decoded(images._jpeg(first, SETTINGS))) > SETTINGS.ink_limit
    data = images._press_jpeg(images._Sized(photo, b""), SETTINGS)
    decoded = _decoded(data)
    assert decoded.mode == "CMYK" and decoded.size == (240, 160)
    totals = np.asarray(decoded).astype(np.int32).sum(axis=-1)
    assert 100.0 * int(totals.max()) / 255 <= SETTINGS.ink_limit
    assert images.max_ink(decoded) == pytest.approx(100.0 * int(totals.max()) / 255)


def test_the_same_photo_gives_the_same_bytes() -> None:
    photo = _noise(200, 120, seed=7)
    first = images.press_jpeg(photo, (150, 90), SETTINGS)
    second = images.press_jpeg(photo, (150, 90), SETTINGS)
    assert first == second


def test_max_ink_finds_a_single_pixel_over_the_limit() -> None:
    image = Image.new("CMYK", (701, 333), (40, 40, 40, 40))
    image.putpixel((700, 332), (255, 255, 0, 255))  # the last pixel of the last strip
    assert images.max_ink(image) == pytest.approx(300.0)
    assert images.max_ink(Image.new("L", (5, 5), 64)) == pytest.approx(100.0 * 191 / 255)


def test_the_table_limiter_is_the_array_limiter_per_pixel() -> None:
    rnd = random.Random(11)
    pixels = np.array(
        [[rnd.randrange(256) for _ in range(4)] for _ in range(4000)], dtype=np.uint8
    ).reshape(40, 100, 4)
    for limit in (240.0, 300.0):
        cap = int(limit * 255 / 100)
        expected = images.limit_ink_array(pixels, limit).reshape(-1, 4)
        got = [
            images._limit_pixel(int(c), int(m), int(y), int(k), cap)
            for c, m, y, k in pixels.reshape(-1, 4)
        ]
        assert [tuple(int(v) for v in row) for row in expected] == got


def test_a_kept_table_is_read_not_computed_again(cache: Path) -> None:
    computed: list[int] = []

    def compute() -> bytes:
        computed.append(1)
        return bytes(range(256)) * 4

    first = presstables.kept_table("k" * 32, 1024, compute)
    second = presstables.kept_table("k" * 32, 1024, compute)
    assert first == second == bytes(range(256)) * 4
    assert computed == [1]
    assert [p.name for p in (cache / "press-tables").iterdir()] == ["k" * 32 + ".lut"]
    assert presstables.kept_table("j" * 32, 1024, compute) == first  # another key: computed
    assert computed == [1, 1]


def _table_file(cache: Path) -> Path:
    (path,) = (cache / "press-tables").glob("*.lut")
    return path


def test_a_photo_with_a_kept_table_has_the_bytes_of_a_fresh_one(cache: Path) -> None:
    photo = _noise(200, 120, seed=13)
    fresh = images.press_jpeg(photo, (150, 90), SETTINGS)
    kept_file = _table_file(cache).read_bytes()
    images._grid_cmyk.cache_clear()  # a kept table is read, the lattice not converted again
    assert images.press_jpeg(photo, (150, 90), SETTINGS) == fresh
    assert _table_file(cache).read_bytes() == kept_file
    assert images._grid_cmyk.cache_info().misses == 0


def _flip_last(blob: bytes) -> bytes:
    return blob[:-1] + bytes([blob[-1] ^ 1])


@pytest.mark.parametrize(
    "damage",
    [
        _flip_last,  # one ink of the table changed
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: b"",  # empty
        lambda blob: b"X" + blob[1:],  # not a table file
        lambda blob: blob + b"\0",  # too long
    ],
)
def test_a_damaged_table_is_recomputed_and_rewritten(cache: Path, damage) -> None:
    limit = SETTINGS.ink_limit - images.INK_MARGIN
    dark = _noise(120, 80, seed=17).point(lambda v: v // 2)
    fresh = dark.filter(images._press_lut(b"", SETTINGS, limit)).tobytes()
    path = _table_file(cache)
    whole = path.read_bytes()
    path.write_bytes(damage(whole))
    images._grid_cmyk.cache_clear()
    assert dark.filter(images._press_lut(b"", SETTINGS, limit)).tobytes() == fresh
    assert images._grid_cmyk.cache_info().misses == 1  # computed again, not trusted
    assert path.read_bytes() == whole  # and rewritten whole


def test_the_table_is_keyed_by_what_it_depends_on(tmp_path: Path) -> None:
    press, other, empty = (tmp_path / name for name in ("press.icc", "other.icc", "empty.icc"))
    press.write_bytes(b"press profile")
    other.write_bytes(b"another press profile")
    empty.write_bytes(b"")
    base = images._table_key(b"", press, 600)
    assert images._table_key(b"", press, 600) == base
    assert images._table_key(b"", press, 599) != base  # the cap
    assert images._table_key(b"source profile", press, 600) != base
    assert images._table_key(b"", other, 600) != base  # the press profile's bytes
    assert images._table_key(b"", None, 600) != images._table_key(b"", empty, 600)


def test_only_the_first_aims_table_is_kept(cache: Path) -> None:
    # Noise overshoots the first aim, so the photo is limited tighter and coded again: that
    # table follows this photo's overshoot and is not kept.
    photo = _noise(240, 160, seed=5).point(lambda v: v // 2)
    images._press_jpeg(images._Sized(photo, b""), SETTINGS)
    first_aim = int((SETTINGS.ink_limit - images.INK_MARGIN) * 255 / 100) - images._LUT_SLACK
    key = images._table_key(b"", SETTINGS.cmyk_profile(), first_aim)
    assert [p.name for p in (cache / "press-tables").iterdir()] == [f"{key}.lut"]


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_a_turned_photo_is_converted_upright_and_cut_in_upright_pixels(
    tmp_path: Path, cache: Path, orientation: int
) -> None:
    # EXIF 2.32 / TIFF 6.0 tag 0x0112: the stored pixels are the upright picture turned back.
    stored_as = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90}
    stored_as[8] = Image.Transpose.ROTATE_270
    upright = Image.new("RGB", (160, 120), (30, 30, 220))
    upright.paste((220, 30, 30), (0, 0, 80, 60))  # red top-left
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / "turned.jpg"
    upright.transpose(stored_as[orientation]).save(source, quality=95, exif=exif)
    window = (0, 0, 160, 60)  # the upright top half: wider than the stored pixels when turned
    rect = Rect(0, 0, 160 * 72 / 300, 60 * 72 / 300)  # 300 ppi: not resampled
    for path in (
        images.press_image(source, rect, SETTINGS, window),
        images.cropped_image(source, window),
    ):
        with Image.open(path.path) as im:
            assert im.size == (160, 60)
            left, right = (
                im.convert("RGB").getpixel((30, 30)),
                im.convert("RGB").getpixel((130, 30)),
            )
        assert left[0] > 150 and left[2] < 110  # red where the upright picture has it
        assert right[2] > 150 and right[0] < 110


# A 108-megapixel phone photo in grey (12000 × 9000: 108 MB decoded, 324 MB in RGB), its
# top-left quarter black; made in a process of its own, so no test holds its pixels.
_MAKE_LARGE = """
import sys
from PIL import Image
im = Image.new("L", (12000, 9000), 255)
im.paste(0, (0, 0, 6000, 4500))
im.save(sys.argv[1], quality=85)
"""
# The photo's press version and its proof-colour crop, the window across the black quarter's
# right edge, printed 48 mm wide (600 pixels at 300 ppi); then the process's peak memory.
_PLACE = """
import resource, sys
from PIL import Image
from layout.geometry import Rect
from layout.press import PressSettings
from layout.render import images
source, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
window = (w // 4, 0, 3 * w // 4, h // 2)
rect = Rect(0, 0, 600 * 72 / 300, 450 * 72 / 300)
for path in (
    images.press_image(source, rect, PressSettings(), window),
    images.cropped_image(source, window, (600, 450)),
):
    with Image.open(path.path) as im:
        print(im.size, im.getpixel((150, 225)), im.getpixel((450, 225)))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _run(code: str, *args: object) -> list[str]:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    return done.stdout.splitlines()


def test_a_large_jpeg_is_decoded_at_the_scale_its_print_needs(tmp_path: Path, cache: Path):
    """A photo over MAX_PIXELS (a JPEG only) is never decoded whole, cropped or not: at the
    DCT scale (1/2, 1/4, 1/8) that still gives the pixels its print needs. Its press version
    and its proof-colour crop show the part the window says, at the print's size, and the
    process's peak memory is that of placing a small photo, give or take far less than the
    108 MB the grey photo takes decoded."""
    big = tmp_path / "big.jpg"
    _run(_MAKE_LARGE, big)
    small = tmp_path / "small.jpg"
    picture = Image.new("L", (1200, 900), 255)
    picture.paste(0, (0, 0, 600, 450))
    picture.save(small, quality=85)
    *placed, peak = _run(_PLACE, big, 12000, 9000)
    *_, base = _run(_PLACE, small, 1200, 900)
    # the left half of the window black, the right white, at 600 × 450 pixels
    assert len(placed) == 2
    assert all(line.startswith("(600, 450) ") and _dark_then_light(line) for line in placed)
    assert int(peak) - int(base) < 40_000  # KB: decoded whole, the photo alone is 108 000


def _dark_then_light(line: str) -> bool:
    """``(600, 450) L R``: the left sample dark, the right light (JPEG moves a level or two)."""
    left, right = map(int, line.split(") ")[1].split())
    return left < 30 and right > 225


def test_a_cache_that_cannot_be_written_keeps_the_photo_in_memory_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder that cannot be made (a file in its way: no permission bits matter to
    root) fails no photo: the press version and the crop are the bytes a writable cache
    keeps, in memory, nothing left in the cache, and a note names the folder."""
    from layout.notes import NOTES

    source = tmp_path / "photo.jpg"
    _noise(64, 48, 5).save(source, quality=90)
    rect = Rect(0, 0, 64 * 72 / 300, 48 * 72 / 300)
    window = (8, 8, 40, 40)

    def made() -> list[images.PictureFile]:
        return [
            images.press_image(source, rect, SETTINGS, window),
            images.cropped_image(source, window),
        ]

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    kept = made()
    assert all(p.made is None and p.path.is_file() for p in kept)
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"not a folder")
    blocked = blocker / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(blocked))
    said: list[str] = []
    token = NOTES.set(said.append)
    try:
        in_memory = made()
    finally:
        NOTES.reset(token)
    assert [p.read() for p in in_memory] == [p.path.read_bytes() for p in kept]
    assert all(p.made is not None for p in in_memory)
    assert [p.path.suffix for p in in_memory] == [p.path.suffix for p in kept]
    assert len(said) == 2 and len(set(said)) == 1  # the same note: printed once a command
    assert f"the cache folder {blocked} cannot be written" in said[0]
