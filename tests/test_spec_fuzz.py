"""Fuzzing the page spec: random mutations of the sample front page either build or fail with
the project's own errors (``SpecErrors``: one positioned line each), never anything else.

Mutations: a key or list item deleted; a value replaced by text, a length, an integer, a
float (NaN and infinities included), a boolean, null, a list or a mapping; a subtree copied
over another. Derandomised for CI; ``BANMIAN_FUZZ_EXAMPLES=N`` runs N random examples.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from layout.build import build
from layout.errors import SpecError, SpecErrors
from layout.yamlsource import parse_yaml

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"

_LONG = os.environ.get("BANMIAN_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_LONG or "40"),
    deadline=None,
    derandomize=not _LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ERROR_LINE = re.compile(r"^[^:\n]+:\d+:\d+: ")
NOT_FINITE = re.compile(rb"(?<![A-Za-z/])(?:nan|inf)(?![A-Za-z])", re.IGNORECASE)


def _sample() -> dict[str, Any]:
    value = parse_yaml(FRONT_TEXT.read_text(encoding="utf-8"), FRONT_TEXT).value
    value["articles"] = str(REPO / "articles")
    value["fonts"] = str(REPO / "fonts" / "manifest.yaml")
    return value


SAMPLE = _sample()

TEXTS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["9pt", "-3mm", "0", "1e308mm", "2字", "小五", "auto", "article", "photo", "rule",
         "vertical-rl", "song", "body", "justify", "cmyk(0, 0, 0, 100)", "#ff0000", "1:30",
         "2025-02-30", "lead", "figures", ".nan", "", "  "]
    ),
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([0, 1, 2, 8, 13, 104, 10**30, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALARS = st.one_of(TEXTS, NUMBERS, st.booleans(), st.none())
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.sampled_from(["x", "lines", "column", "font", "size"]), SCALARS, max_size=3),
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


def _get(value: Any, path: tuple) -> Any:
    for part in path:
        value = value[part]
    return value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    spec = _copy(SAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(spec) if p]
        path = draw(st.sampled_from(paths))
        parent = _get(spec, path[:-1])
        action = draw(st.sampled_from(["delete", "replace", "graft", "nudge", "nudge"]))
        if action == "nudge":  # a plausible value nearby: exercises layout, not only checks
            parent[path[-1]] = _nudge(_get(spec, path), draw)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        else:
            parent[path[-1]] = _copy(_get(spec, draw(st.sampled_from(paths))))
    return spec


_NUMBER_UNIT = re.compile(r"^(-?[0-9.]+)(pt|mm|em|字)$")


def _nudge(value: Any, draw: st.DrawFn) -> Any:
    """An integer moved by a few, a length scaled, anything else left as it is."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + draw(st.integers(min_value=-6, max_value=6))
    match = _NUMBER_UNIT.match(value) if isinstance(value, str) else None
    if match:
        factor = draw(st.sampled_from([0, 0.05, 0.5, 0.9, 1.1, 2, 5]))
        return f"{float(match.group(1)) * factor:g}{match.group(2)}"
    return value


def _dump(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=1000)


@FUZZ
@given(spec=mutated())
def test_a_mutated_spec_builds_or_fails_cleanly(spec: dict[str, Any], tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "spec.yaml"
    path.write_text(_dump(spec), encoding="utf-8")
    out = folder / "page.pdf"
    try:
        result = build(path, out, pdfx=False)
    except SpecErrors as errors:
        event("refused")
        assert errors.errors, "SpecErrors without an error"
        for error in errors.errors:
            line = str(error)
            assert "\n" not in line and len(line) < 600, line
            if error.pos is not None:
                assert ERROR_LINE.match(line), line
        assert not out.exists(), "bad input left a PDF"
    except SpecError as error:  # a single error (the file itself)
        assert not out.exists(), str(error)
    else:
        event("built")
        assert result.output == out and out.read_bytes().startswith(b"%PDF-")
        with pikepdf.open(out) as pdf:
            for page in pdf.pages:
                content = b" ".join(c.read_bytes() for c in _contents(page))
                assert not NOT_FINITE.search(content), "a coordinate is not a number"


def _contents(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def test_the_sample_spec_dumps_and_builds_unmutated(tmp_path: Path) -> None:
    # The fuzzer's baseline: the dumped sample itself builds with no error.
    path = tmp_path / "spec.yaml"
    path.write_text(_dump(_copy(SAMPLE)), encoding="utf-8")
    result = build(path, tmp_path / "page.pdf", pdfx=False)
    assert not result.errors, result.errors


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, 10**30])
@pytest.mark.parametrize(
    "path",
    [("page", "bleed"), ("grid", "lines"), ("grid", "columns"), ("boxes", 1, "shade")],
)
def test_non_finite_and_huge_numbers_are_range_errors_at_their_key(
    tmp_path: Path, path: tuple, value: float
) -> None:
    spec = _copy(SAMPLE)
    _get(spec, path[:-1])[path[-1]] = value
    file = tmp_path / "spec.yaml"
    file.write_text(_dump(spec), encoding="utf-8")
    with pytest.raises(SpecErrors) as info:
        build(file, tmp_path / "page.pdf", pdfx=False)
    key = ".".join(str(p) for p in path).replace(".1.", "[1].")
    assert [str(e) for e in info.value.errors if key in str(e)], info.value


ARTICLES = sorted((REPO / "articles").glob("*.yaml"))
COPY = st.text(
    st.characters(
        codec="utf-8",
        categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"],
    )
    | st.sampled_from(list("平湖，。、“”（）——…… \t\n\u3000\u00a0\u200b\ufeff")),
    max_size=30,
)


@st.composite
def mutated_article(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """One article record with a mutation: its copy garbled (white space, controls, marks,
    any script) or a key deleted, replaced or nudged."""
    file = draw(st.sampled_from(ARTICLES))
    record = parse_yaml(file.read_text(encoding="utf-8"), file).value
    paths = [p for p in _paths(record) if p and p != ("id",)]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths))
        parent = _get(record, path[:-1])
        old = _get(record, path)
        action = draw(st.sampled_from(["garble", "garble", "delete", "replace", "nudge"]))
        if action == "garble" and isinstance(old, str):
            at = draw(st.integers(min_value=0, max_value=len(old)))
            parent[path[-1]] = old[:at] + draw(COPY) + old[at:]
        elif action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        else:
            parent[path[-1]] = _nudge(old, draw)
        paths = [p for p in _paths(record) if p and p != ("id",)]
        if not paths:
            break
    return file.name, record


@FUZZ
@given(article=mutated_article())
def test_a_mutated_article_builds_or_fails_cleanly(article, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "articles").mkdir()
    name, record = article
    for file in ARTICLES:
        target = folder / "articles" / file.name
        if file.name == name:
            target.write_text(_dump(record), encoding="utf-8")
        else:
            target.write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    images = folder / "images"
    images.mkdir()
    for image in (REPO / "images").glob("*.jpg"):
        (images / image.name).symlink_to(image)
    spec = _copy(SAMPLE)
    spec["articles"] = str(folder / "articles")
    path = folder / "spec.yaml"
    path.write_text(_dump(spec), encoding="utf-8")
    out = folder / "page.pdf"
    try:
        build(path, out, pdfx=False)
    except SpecErrors as errors:
        event("refused")
        assert all(ERROR_LINE.match(str(e)) for e in errors.errors if e.pos is not None)
        assert not out.exists()
    else:
        event("built")
        assert out.read_bytes().startswith(b"%PDF-")
