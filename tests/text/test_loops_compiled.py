"""The compiled inner loops of collect and prepare (``layout.text._loops``) against the
Python reference: the same clusters, the same items and sources (the same records, their
fields to the bit), the same wide runs, and so the same lines — on random text of every kind
of character the engine tells apart, under every combination of the style's rules, on the
sample's copy in the real faces, and through ``set_paragraph``. Bad input to the compiled
module is an error, never a crash.

Skipped, with the reason, where the module was not built (no C compiler at install time).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.fonts import library
from layout.text import loops as loops_module
from layout.text.boxes import cluster_boxes
from layout.text.collect import Cluster, collect
from layout.text.finalize import _LINE_FIELDS, Line, LineRun, _merged, _sized, finalize
from layout.text.items import Box, Discretionary, Glue, GlyphRun, StretchStep
from layout.text.linebreak import Break
from layout.text.loops import LOOPS, Loops
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align, Normalise, Prohibition, PunctuationScheme
from layout.text.orient import VerticalOptions
from layout.text.overlong import _wide_runs
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle, RunIn, prepare

from .conftest import EM, sample_body_paragraphs
from .test_linebreak_compiled import ITEMS, LENGTHS
from .test_linebreak_compiled import MEASURES as LINE_MEASURES
from .test_properties import PROPERTY, TEXTS

_loops = loops_module._loops
pytestmark = pytest.mark.skipif(
    _loops is None,
    reason="layout.text._loops is not built (no C compiler when installed): "
    "only the Python loops run",
)

# Every kind of character collect and prepare tell apart: Han, every mark class, the 2-em
# marks and their halves alone, Latin and digits with their joiners, ASCII punctuation and
# quotes (attached by context), spaces (breaking, no-break, mixed), U+200B, U+3000,
# combining marks (with and without a base), symbols, a character no face has, a URL, the
# signs that open a number, superscripts, subscripts and fractions, the rarer marks.
PIECES = st.sampled_from(
    [*"平湖经济发展工业增加值同比增长", *"，。、；：？！“”‘’（）《》【】·・～–—…", "——", "……",
     "⸺⸺", "⸺", *"ABCxyz019", "86.5", "9.4%", "kW·h", "co-op", "A/B", *",.;:!?()[]{}\"'",
     " ", "  ", "\u00a0", " \u00a0", "\u200b", "\u3000", "\u0301", "e\u0301", "■", "％",
     "℃", "\U00020000", "https://example.com/a/b", "user@host.org", "ＡＢ１２",
     "Internationalisation", "supercalifragilisticexpialidocious", *"￥$−-+±", "²", "₂",
     "½", "E=mc²", *"〘〙〝〞﹁﹂｢｣﹐｡⁉⋯‥", "ﬁ"]
)  # fmt: skip
ANY_TEXT = st.one_of(TEXTS, st.lists(PIECES, min_size=0, max_size=60).map("".join))
# Through a lambda: given the record itself (a NamedTuple), builds would draw every field
# left out too, where these styles keep the defaults.
STYLES = st.builds(
    lambda **given: ParagraphStyle(**given),
    size=st.just(EM),
    indent=st.sampled_from([0.0, 2.0]),
    prohibition=st.sampled_from(list(Prohibition)),
    punctuation=st.sampled_from(list(PunctuationScheme)),
    no_orphan=st.booleans(),
    full_width_marks=st.sampled_from([frozenset(), frozenset("：；？！")]),
    latin_gap=st.sampled_from([0.25, 0.0]),
    letter_spacing=st.sampled_from([0.0, 0.1]),
    hyphenation=st.sampled_from(["en_US", "none"]),
    normalise=st.sampled_from(list(Normalise)),
    headline=st.booleans(),
)
MEASURES = st.one_of(st.none(), st.sampled_from([3 * EM, 8 * EM, 13 * EM, 30 * EM]))


def _exactly(records) -> list:
    """Records in a comparable form that tells their types and their floats' bits apart
    (named tuples compare equal to plain tuples, and -0.0 to 0.0)."""
    return [(type(r).__name__, repr(r)) for r in records]


def _prepared(text, style, measure, loops, **options):
    try:
        p = prepare(text, style, SyntheticMetrics(), measure, loops=loops, **options)
    except (ValueError, TypeError) as error:
        return (type(error), str(error))
    return (p.text, _exactly(p.items), p.sources, p.clusters, p.missing)


@PROPERTY
@given(ANY_TEXT)
def test_the_compiled_collect_is_the_python_collect(text) -> None:
    python = collect(text, loops=Loops.PYTHON)
    assert _exactly(collect(text, loops=Loops.COMPILED)) == _exactly(python)
    assert "".join(c.text for c in python) == text


@PROPERTY
@given(ANY_TEXT, STYLES, MEASURES, st.booleans())
def test_the_compiled_prepare_is_the_python_prepare(text, style, measure, fitting) -> None:
    python = _prepared(text, style, measure, Loops.PYTHON, fitting=fitting)
    assert _prepared(text, style, measure, Loops.COMPILED, fitting=fitting) == python


@PROPERTY
@given(ANY_TEXT, st.sampled_from(["本报讯", "新华社北京4月30日电", "（记者 林旭东）"]), MEASURES)
def test_a_run_in_is_prepared_alike(text, opening, measure) -> None:
    run_in = RunIn(opening, SyntheticMetrics())
    style = ParagraphStyle(size=EM)
    python = _prepared(text, style, measure, Loops.PYTHON, run_in=run_in)
    assert _prepared(text, style, measure, Loops.COMPILED, run_in=run_in) == python


@PROPERTY
@given(ANY_TEXT, STYLES, st.integers(min_value=3, max_value=30), st.integers(-1, 1))
def test_the_lines_are_the_same_with_either(text, style, chars, looseness) -> None:
    def lines(loops):
        par = set_paragraph(
            text, style, chars * EM, SyntheticMetrics(), looseness=looseness, loops=loops
        )
        return (par.text, _exactly(par.lines), par.missing, par.overfull, par.fitting)

    assert lines(Loops.COMPILED) == lines(Loops.PYTHON)


@PROPERTY
@given(ITEMS, LENGTHS)
def test_the_compiled_wide_runs_are_the_python_ones(items, limit) -> None:
    assert _loops.wide_runs(items, limit, Box, Glue) == _wide_runs(items, limit)


def _line_fields(line: Line) -> list[tuple[str, str]]:
    """A line's fields as their reprs (their types and floats' bits told apart)."""
    return [(name, repr(getattr(line, name))) for name in _LINE_FIELDS]


@PROPERTY
@given(ITEMS, LINE_MEASURES, st.sampled_from(list(Align)), st.data())
def test_the_lines_are_finalized_alike(items, measure, align, data) -> None:
    n = len(items)
    positions = data.draw(st.lists(st.integers(0, n), max_size=6).map(sorted))
    overfull = st.one_of(st.just(0.0), LENGTHS)
    breaks = [Break(p, data.draw(overfull)) for p in [*positions, n]]
    sources = list(range(0, 2 * n, 2))

    def lines(loops: Loops) -> object:
        try:
            made = finalize(items, breaks, measure, align, sources, loops=loops)
        except (ValueError, ArithmeticError) as error:  # (what the Python code raises)
            return (type(error), str(error))
        return [_line_fields(line) for line in made]

    assert lines(Loops.COMPILED) == lines(Loops.PYTHON)


@PROPERTY
@given(ITEMS, LINE_MEASURES, st.booleans(), LENGTHS)
def test_a_line_is_sized_alike(items, measure, justify, overfull) -> None:
    done = _loops.justified(items, measure, justify, Box, Glue, Discretionary, sum)
    if done is not None:  # (None: a line the Python code sets, too long or too wide)
        sized = _sized(items, measure, justify, overfull)  # (it raises nothing then)
        assert repr(done) == repr((tuple(sized.sizes), *sized[1:5], sized.word_spread))
        assert sized.squeeze == 1.0
        assert sized.overfull is overfull


def test_a_line_the_compiled_loop_does_not_read_is_left_to_python() -> None:
    word = StretchStep.WORD_SPACE
    for items in ([], [Box(1)], [Glue(1.0, 1, 0.0, word)], [Glue(1.0, 1.0, 0.0, 4)],
                  [Box(1.0), 1.0], [Box(30.0)]):  # fmt: skip
        assert _loops.justified(items, 10.0, True, Box, Glue, Discretionary, sum) is None
    assert _loops.justified([Box(3.0)], 10.0, True, Box, Glue, Discretionary, sum) == (
        (3.0,),
        3.0,
        3.0,
        0.0,
        7.0,
        0.0,
    )


NUMBERS = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, 2.5, 10.0, -5.0, 1e-7]),
    st.floats(-50.0, 50.0, allow_nan=False),
)
SCALES = st.one_of(st.just(1.0), st.sampled_from([0.5, 0.9, 1.2]), NUMBERS)
GLYPH_RUNS = st.builds(
    GlyphRun,
    st.sampled_from(["平", "湖", "a", "ab", "，", "PTA"]),
    st.sampled_from(["serif", "sans", None]),
    NUMBERS,
    NUMBERS,
    SCALES,
)
LINE_ITEMS = st.lists(
    st.one_of(
        st.builds(Box, NUMBERS, st.lists(GLYPH_RUNS, max_size=3).map(tuple)),
        st.builds(Glue, NUMBERS),
        st.builds(Discretionary, NUMBERS, st.lists(GLYPH_RUNS, max_size=2).map(tuple),
                  st.just(50.0)),
    ),
    max_size=30,
)  # fmt: skip


@PROPERTY
@given(LINE_ITEMS, st.data(), NUMBERS, st.one_of(st.just(1.0), SCALES), NUMBERS)
def test_the_compiled_runs_are_the_python_runs(items, data, offset, squeeze, em) -> None:
    sizes = tuple(data.draw(st.lists(NUMBERS, min_size=len(items), max_size=len(items))))
    n = len(items)
    line = Line(tuple(items), sizes, (0,) * n, offset, 100.0, 0.0, 0.0, 0, 0, False, 0.0,
                squeeze=squeeze)  # fmt: skip
    compiled = _loops.runs(line.items, sizes, offset, squeeze, em, Box, Discretionary, LineRun)
    assert _exactly(compiled) == _exactly(_merged(line, em))


@PROPERTY
@given(ANY_TEXT, st.integers(min_value=2, max_value=20), st.sampled_from(list(Align)),
       st.booleans())  # fmt: skip
def test_the_lines_are_drawn_as_the_same_runs(text, chars, align, headline) -> None:
    style = ParagraphStyle(size=EM, indent=2.0, headline=headline)
    par = set_paragraph(text, style, chars * EM, SyntheticMetrics(), align=align)
    for line in par.lines:
        for em in (EM, 0.5 * EM):
            python = line.runs(em, loops=Loops.PYTHON)
            assert _exactly(line.runs(em, loops=Loops.COMPILED)) == _exactly(python)


@PROPERTY
@given(ANY_TEXT, st.sets(st.sampled_from(["平", "湖", "，", "PTA", "86.5", " ", "“"])))
def test_the_boxes_seen_are_found_alike(text, seen_texts) -> None:
    clusters = collect(text)
    seen = {t: Box(float(len(t))) for t in seen_texts}
    boxes = [seen.get(c.text) for c in clusters]
    unseen = [i for i, box in enumerate(boxes) if box is None]
    assert _loops.seen_boxes(clusters, seen) == (boxes, unseen)


@dataclass
class _BoxKeeping:
    """Metrics that keep the boxes made (as a chain does), some characters in no face."""

    inner: SyntheticMetrics
    box_cache: dict = field(default_factory=dict)

    def glyph(self, ch: str):
        return self.inner.glyph(ch)

    def upright(self, ch: str):
        return self.inner.upright(ch)

    def vertical_form(self, ch: str):
        return None

    def face_of(self, text: str):
        return self.inner.face_of(text)


@PROPERTY
@given(
    st.lists(ANY_TEXT, min_size=1, max_size=3),
    st.sampled_from([EM, 0.5 * EM, 12]),
    st.sampled_from([None, VerticalOptions()]),
)
def test_the_boxes_are_made_alike(texts, em, vertical) -> None:
    # Each paragraph's boxes, the ones kept for the next and the characters no face has (in
    # the order of the text), made by either loop: the same records to the bit (an em that
    # is an int leaves the compiled loop nothing to do).
    missing_chars = frozenset("湖\U00020000ＡＢ")
    made = []
    for loops in Loops:
        metrics = _BoxKeeping(SyntheticMetrics(missing=missing_chars))
        for text in texts:
            missing: list = []
            clusters = collect(text)
            boxes = cluster_boxes(clusters, metrics, em, missing, vertical=vertical, loops=loops)
            kept = next(iter(metrics.box_cache.values()))
            made.append((_exactly(boxes), missing, sorted(kept.items())))
    assert made[: len(texts)] == made[len(texts) :]


@pytest.mark.parametrize("chars", [5, 13, 22])
def test_the_sample_copy_is_prepared_alike_in_the_real_faces(chars: int) -> None:
    metrics = library().metrics("song")
    style = ParagraphStyle(size=9.0, indent=2.0)
    for text in sample_body_paragraphs():
        found = []
        for loops in Loops:
            metrics.part_cache.clear()  # (a part kept would be the other loops' own)
            p = prepare(text, style, metrics, chars * 9.0, loops=loops)
            found.append((_exactly(p.items), p.sources, p.clusters, p.missing))
        assert found[0] == found[1]
    metrics.part_cache.clear()


def test_the_opening_mark_loses_its_blank_half_in_either() -> None:
    for text in ("“开头”", "  （开头）", "\u200b《书》"):
        python = _prepared(text, ParagraphStyle(size=EM), None, Loops.PYTHON)
        assert _prepared(text, ParagraphStyle(size=EM), None, Loops.COMPILED) == python


def _other(text, i, clusters):
    clusters.append(Cluster(text[i], None, i))
    return i + 1


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: _loops.collect("ab", {}, frozenset(), frozenset(), Cluster, 1), TypeError),
        (lambda: _loops.collect("ab", {}, frozenset(), frozenset(), int, _other), TypeError),
        (lambda: _loops.collect("ab", {}, frozenset(), frozenset(), Cluster, lambda *a: 0),
         ValueError),
        (lambda: _loops.collect(b"ab", {}, frozenset(), frozenset(), Cluster, _other),
         TypeError),
        (lambda: _loops.attaching([1], None, frozenset()), TypeError),
        (lambda: _loops.wide_runs([1.0], 1.0, Box, Glue), AttributeError),
        (lambda: _loops.wide_runs([Box("x")], 1.0, Box, Glue), TypeError),
        (lambda: _loops.wide_runs(7, 1.0, Box, Glue), TypeError),
        (lambda: _loops.items([1], [], [], [], [], frozenset(), (1, 2, 3), (1, 2, 3), (1, 2),
                              {}, frozenset()), ValueError),
        (lambda: _loops.items([1], [1], [1], [], [], frozenset(), (1, 2, 3), (1, 2, 3),
                                (1, 2), {}, frozenset()), TypeError),
        (lambda: _loops.items([], [], [], [], [], frozenset(), (1, 2, 3), (1, 2, 3), (1, 2),
                              None, frozenset()), TypeError),
        (lambda: _loops.runs((Box(1.0),), (), 0.0, 1.0, EM, Box, Discretionary, LineRun),
         ValueError),
        (lambda: _loops.runs((Box(1.0, (1,)),), (1.0,), 0.0, 1.0, EM, Box, Discretionary,
                             LineRun), TypeError),
        (lambda: _loops.runs((Box(1.0),), ("x",), 0.0, 1.0, EM, Box, Discretionary, LineRun),
         TypeError),
        (lambda: _loops.runs((), (), 0.0, 1.0, EM, Box, Discretionary, int), TypeError),
        (lambda: _loops.seen_boxes([1], {}), TypeError),
        (lambda: _loops.justified(7, 1.0, True, Box, Glue, Discretionary, sum), TypeError),
        (lambda: _loops.lines([Box(1.0)], [Break(2)], 9.0, 3, [0], (Box, Glue, Discretionary,
                              sum), (Line, object.__new__, _LINE_FIELDS), None), ValueError),
        (lambda: _loops.lines([Box(1.0)], [1], 9.0, 3, [0], (Box, Glue, Discretionary, sum),
                              (Line, object.__new__, _LINE_FIELDS), None), TypeError),
        (lambda: _loops.lines([Box(1.0)], [Break(1)], 9.0, 7, [0], (Box, Glue, Discretionary,
                              sum), (Line, object.__new__, _LINE_FIELDS), None), ValueError),
        (lambda: _loops.lines([Box(1.0, (1,))], [Break(1)], 9.0, 3, [0], (Box, Glue,
                              Discretionary, sum), (Line, object.__new__, _LINE_FIELDS), None),
         TypeError),
        (lambda: _loops.lines([Box(1.0, (GlyphRun("a", "serif", 0.0, 1.0),))], [Break(1)], 9.0,
                              3, [], (Box, Glue, Discretionary, sum),
                              (Line, object.__new__, _LINE_FIELDS), None), ValueError),
        (lambda: _loops.justified([Box(1.0)], 1.0, True, Box, Glue, Discretionary, None),
         TypeError),
        (lambda: _loops.justified([Box(1.0)], 1.0, True, Box, Glue, Discretionary, str),
         TypeError),
        (lambda: _loops.seen_boxes([([],)], {}), TypeError),
        (lambda: _loops.han_boxes([], [0], [], {}, len, EM, (1, 2), (GlyphRun, Box)),
         IndexError),
        (lambda: _loops.han_boxes([(1,)], [0], [None], {}, len, EM, (1, 2), (GlyphRun, Box)),
         TypeError),
        (lambda: _loops.han_boxes([("a", 1, 0)], [0], [None], {}, len, EM, (1, 2),
                                  (GlyphRun, Box)), TypeError),
        (lambda: _loops.han_boxes([], [], [], {}, None, EM, (1, 2), (GlyphRun, Box)),
         TypeError),
        (lambda: _loops.han_boxes([], [], [], {}, len, EM, (1, 2), (GlyphRun, int)),
         TypeError),
    ],
)  # fmt: skip
def test_bad_input_is_an_error(call, error) -> None:
    with pytest.raises(error):
        call()


def test_a_cluster_from_the_fallback_is_kept_as_it_was_made() -> None:
    clusters = _loops.collect("ab", {}, frozenset(), frozenset(), Cluster, _other)
    assert clusters == [Cluster("a", None, 0), Cluster("b", None, 1)]


def test_the_compiled_loops_are_the_ones_used_where_they_are_built() -> None:
    assert LOOPS is Loops.COMPILED


def test_a_word_too_wide_is_opened_alike() -> None:
    text, style = "antidisestablishmentarianism平湖", ParagraphStyle(size=EM)
    python = _prepared(text, style, 5 * EM, Loops.PYTHON)
    compiled = _prepared(text, style, 5 * EM, Loops.COMPILED)
    assert compiled == python
    assert any(name == "Discretionary" for name, _ in compiled[1])
