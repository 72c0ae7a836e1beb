"""layout.records: the Frozen records' one repr; what a NamedTuple record keeps; the
NamedTuple stand-in makes the class typing.NamedTuple makes."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import pkgutil
import typing
from collections.abc import Callable

import pytest

from layout import records
from layout.geometry import Rect
from layout.page import TextRun
from layout.records import _NEW_GLOBALS, record_repr
from layout.report import AtLine, Problem, ProblemKind, Underset
from layout.text.linebreak import Break


def test_a_record_reads_as_the_generated_repr_would() -> None:
    assert repr(Break(3, 0.5)) == "Break(position=3, overfull=0.5)"


def test_every_record_shares_the_one_function() -> None:
    assert Problem.__repr__ is record_repr


# --------------------------------------------------------------------------- named tuples


def test_a_named_tuple_record_is_immutable_and_reads_as_a_record() -> None:
    run = TextRun("头版", "song", 10.0, 1.0, 2.0)
    with pytest.raises(AttributeError):
        run.x = 3.0  # type: ignore[misc]
    assert repr(Underset(2)) == "Underset(lines=2)"
    assert run._replace(x=3.0) == TextRun("头版", "song", 10.0, 3.0, 2.0)


def test_problems_of_two_kinds_differ_though_their_details_hold_the_same_values() -> None:
    # A NamedTuple equals any tuple of its values: Underset(2) == AtLine(2). A Problem is
    # compared with its kind, so two findings are never taken for one.
    assert Underset(2) == AtLine(2)
    under = Problem(kind=ProblemKind.UNDERSET, message="2 empty lines", details=Underset(2))
    orphan = Problem(kind=ProblemKind.ORPHAN, message="2 empty lines", details=AtLine(2))
    assert under != orphan and len({under, orphan}) == 2


# ------------------------------------------------------- layout.records.NamedTuple's twins

# Class statements made both ways, with and without ``from __future__ import annotations``:
# fields with and without defaults, a docstring, a forward reference, methods, a property,
# class and static methods, a constant, a dunder the body overrides, one field and none.
_BODIES = {
    "plain": "class R(Base):\n    a: int\n    b: str\n",
    "defaults": (
        "class R(Base):\n"
        '    """A record with defaults."""\n'
        "    a: int\n"
        "    b: tuple[int, ...] = ()\n"
        "    c: 'R | None' = None\n"
    ),
    "methods": (
        "class R(Base):\n"
        "    x: float\n"
        "    y: float = 0.5\n"
        "    LIMIT = 3\n"
        "    def total(self) -> float:\n"
        "        '''x and y.'''\n"
        "        return self.x + self.y\n"
        "    @property\n"
        "    def twice(self) -> float:\n"
        "        return 2 * self.x\n"
        "    @classmethod\n"
        "    def origin(cls) -> 'R':\n"
        "        return cls(0.0)\n"
        "    @staticmethod\n"
        "    def unit() -> float:\n"
        "        return 1.0\n"
        "    def __str__(self) -> str:\n"
        "        return f'{self.x}/{self.y}'\n"
    ),
    "one": "class R(Base):\n    only: list[int]\n",
    "none": "class R(Base):\n    '''No fields.'''\n",
}
_FUTURE = ("", "from __future__ import annotations\n")


def _twin(source: str, base: type) -> type:
    namespace: dict[str, object] = {"__name__": "tests.twin", "Base": base}
    exec(source, namespace)  # the same class statement, once with each base
    return namespace["R"]  # type: ignore[return-value]


def _pair(body: str, future: str) -> tuple[type, type]:
    source = future + "from typing import NamedTuple as Base\n" + _BODIES[body]
    return _twin(source, typing.NamedTuple), _twin(source, records.NamedTuple)


def _arguments(cls: type) -> tuple[tuple[object, ...], ...]:
    """Arguments to make each record of ``cls`` with: every field given, then defaults."""
    count = len(cls._fields)  # type: ignore[attr-defined]
    given = tuple(range(count))
    least = tuple(range(count - len(cls._field_defaults)))  # type: ignore[attr-defined]
    return (given, least)


def _outcome(call: Callable[[], object]) -> object:
    """What ``call`` returns, or the type and message of what it raises."""
    try:
        return call()
    except Exception as error:  # the twins must fail alike too
        return (type(error), str(error))


@pytest.mark.parametrize("future", _FUTURE, ids=("evaluated", "future"))
@pytest.mark.parametrize("body", sorted(_BODIES))
def test_a_record_is_the_class_typing_makes(body: str, future: str) -> None:
    typed, ours = _pair(body, future)
    assert ours.__mro__[1:] == typed.__mro__[1:] == (tuple, object)
    assert type(ours) is type(typed) is type
    for name in ("__name__", "__qualname__", "__module__", "__doc__", "__orig_bases__"):
        assert getattr(ours, name) == getattr(typed, name), name
    for name in ("_fields", "_field_defaults", "__match_args__", "__slots__"):
        assert getattr(ours, name) == getattr(typed, name), name
    assert set(vars(ours)) == set(vars(typed))
    # The annotations resolve alike (the forward reference to R, names as the class has them).
    names = {"R": typed}
    hints = typing.get_type_hints(ours, localns=names)
    assert hints == typing.get_type_hints(typed, localns=names)
    assert ours.__new__.__annotations__ is ours.__annotations__
    # The constructor: its signature, names, defaults and documentation.
    assert str(inspect.signature(ours)) == str(inspect.signature(typed))
    for name in ("__name__", "__qualname__", "__module__", "__doc__", "__defaults__"):
        assert getattr(ours.__new__, name) == getattr(typed.__new__, name), name
    assert ours.__new__.__code__.co_code == typed.__new__.__code__.co_code
    assert ours.__new__.__code__.co_varnames == typed.__new__.__code__.co_varnames
    for name in ("_make", "_replace", "__repr__", "_asdict", "__getnewargs__"):
        theirs, mine = getattr(typed, name), getattr(ours, name)
        assert (mine.__qualname__, mine.__doc__) == (theirs.__qualname__, theirs.__doc__)
    for field_name in typed._fields:
        theirs, mine = vars(typed)[field_name], vars(ours)[field_name]
        assert (type(mine), mine.__doc__) == (type(theirs), theirs.__doc__)


@pytest.mark.parametrize("future", _FUTURE, ids=("evaluated", "future"))
@pytest.mark.parametrize("body", sorted(_BODIES))
def test_a_record_behaves_as_typing_s_does(body: str, future: str) -> None:
    typed, ours = _pair(body, future)
    for arguments in _arguments(typed):
        theirs, mine = typed(*arguments), ours(*arguments)
        assert mine == theirs == tuple(theirs) and hash(mine) == hash(theirs)
        assert (repr(mine), str(mine)) == (repr(theirs), str(theirs))
        assert mine._asdict() == theirs._asdict()
        assert copy.deepcopy(mine) == mine and type(copy.copy(mine)) is ours
        assert mine.__getnewargs__() == theirs.__getnewargs__()
        assert not hasattr(mine, "__dict__")
        keywords = dict(zip(typed._fields, arguments, strict=False))
        assert ours(**keywords) == typed(**keywords)
        with pytest.raises(AttributeError):
            mine.a = 1  # type: ignore[attr-defined]
        for name in typed._fields:
            assert getattr(mine, name) == getattr(theirs, name)
        assert _outcome(lambda m=mine: m._replace(zzz=1)) == _outcome(
            lambda t=theirs: t._replace(zzz=1)
        )
        if typed._fields:
            first = typed._fields[0]
            assert mine._replace(**{first: "new"}) == theirs._replace(**{first: "new"})
            assert type(mine._replace(**{first: "new"})) is ours
    # What fails fails alike: too few or too many arguments, a name no field has, _make's
    # count.
    count = len(typed._fields)
    for call in (
        lambda cls: cls(),
        lambda cls: cls(*range(count + 1)),
        lambda cls: cls(*range(count), zzz=1),
        lambda cls: cls._make(range(count + 1)),
    ):
        assert _outcome(lambda c=ours, f=call: f(c)) == _outcome(lambda c=typed, f=call: f(c))
    if body == "methods":
        mine, theirs = ours(1.0), typed(1.0)
        assert (mine.total(), mine.twice, mine.LIMIT, ours.unit()) == (1.5, 2.0, 3, 1.0)
        assert type(ours.origin()) is ours and ours.origin() == typed.origin()
        assert ours.total.__doc__ == "x and y."


_BAD_BODIES = {
    "order": "class R(Base):\n    a: int = 1\n    b: int = 2\n    c: int\n",
    "prohibited": "class R(Base):\n    a: int\n    def _replace(self):\n        return self\n",
    "underscore": "class R(Base):\n    _hidden: int\n",
    "init": "class R(Base):\n    a: int\n    def __init__(self, a):\n        pass\n",
}


@pytest.mark.parametrize("body", sorted(_BAD_BODIES))
def test_a_bad_record_is_refused_as_typing_refuses_it(body: str) -> None:
    source = "from typing import NamedTuple as Base\n" + _BAD_BODIES[body]
    theirs = _outcome(lambda: _twin(source, typing.NamedTuple))
    mine = _outcome(lambda: _twin(source, records.NamedTuple))
    assert isinstance(theirs, tuple) and mine == theirs


def test_a_record_cannot_have_another_base() -> None:
    with pytest.raises(TypeError, match="can only inherit from a NamedTuple type"):
        _twin("class R(Base, int):\n    a: int\n", records.NamedTuple)


def test_a_record_pickles_and_unpickles_as_itself() -> None:
    run = TextRun("头版", "song", 10.0, 1.0, 2.0)
    again = pickle.loads(pickle.dumps(run))
    assert again == run and type(again) is TextRun


def _layout_modules() -> list[str]:
    import layout

    return sorted(
        info.name
        for info in pkgutil.walk_packages(layout.__path__, "layout.")
        if not info.name.endswith("__main__")  # running them is what they do
    )


def test_every_record_of_the_package_is_made_by_layout_records() -> None:
    """A record made with ``typing.NamedTuple`` would cost a cold build its compiles again
    (the module docstring of layout.records): every named tuple in ``layout`` is ours."""
    made = []
    for name in _layout_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name and hasattr(value, "_fields"):
                made.append((value.__qualname__, value.__new__.__globals__ is _NEW_GLOBALS))
    assert len(made) > 100  # the walk found the package's records (not vacuous)
    assert [qualname for qualname, ours in made if not ours] == []


# --------------------------------------------------------------------------- Frozen records


class _Checked(records.Frozen):
    """A Frozen record as the package writes them: keyword-built, checked, partly compared."""

    name: str
    size: float
    memo: dict | None = None
    LIMIT: typing.ClassVar[float] = 100.0
    _compared = _shown = ("name", "size")

    def __init__(self, *, name: str, size: float, memo: dict | None = None) -> None:
        if size > self.LIMIT:
            raise ValueError(f"size {size} over {self.LIMIT}")
        self.__dict__.update(name=name, size=size, memo=memo)


def test_a_frozen_record_takes_its_fields_from_its_annotations_but_class_variables() -> None:
    assert _Checked._field_names == ("name", "size", "memo")
    assert _Checked._compared == _Checked._shown == ("name", "size")
    assert Problem._field_names[:3] == ("kind", "message", "details")  # evaluated annotations
    assert Problem._compared == Problem._shown == Problem._field_names


def test_a_frozen_record_cannot_be_changed() -> None:
    record = _Checked(name="头版", size=3.0)
    with pytest.raises(AttributeError):
        record.size = 4.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del record.name
    assert record.size == 3.0


def test_a_frozen_record_is_compared_and_hashed_on_its_compared_fields_only() -> None:
    one, two = _Checked(name="a", size=1.0, memo={"x": 1}), _Checked(name="a", size=1.0)
    assert one == two and hash(one) == hash(two) and len({one, two}) == 1
    assert one != _Checked(name="a", size=2.0)
    # Only a record of the same class is equal, never the tuple of its values.
    assert one != ("a", 1.0) and one.__eq__(("a", 1.0)) is NotImplemented
    assert hash(one) == hash(("a", 1.0))  # as a dataclass hashes: the tuple of its fields


def test_a_frozen_record_reads_as_its_shown_fields() -> None:
    assert repr(_Checked(name="头版", size=3.0, memo={})) == "_Checked(name='头版', size=3.0)"
    assert _Checked.__repr__ is record_repr


def test_a_frozen_record_replaced_is_made_again_through_its_init() -> None:
    record = _Checked(name="a", size=1.0, memo={"x": 1})
    moved = record._replace(size=2.0)
    assert (moved.name, moved.size, moved.memo) == ("a", 2.0, {"x": 1}) and record.size == 1.0
    with pytest.raises(ValueError, match="over"):  # the class's check runs again
        record._replace(size=200.0)


def test_a_frozen_record_survives_pickling_and_copying() -> None:
    record = _Checked(name="a", size=1.0, memo={"x": [1]})
    for again in (pickle.loads(pickle.dumps(record)), copy.copy(record), copy.deepcopy(record)):
        assert type(again) is _Checked and again == record and again.memo == {"x": [1]}
    under = Problem(kind=ProblemKind.UNDERSET, message="2 empty lines", details=Underset(2))
    assert pickle.loads(pickle.dumps(under)) == under


def test_a_problem_is_still_checked_and_built_by_keyword() -> None:
    with pytest.raises(TypeError, match="carries Underset details, not AtLine"):
        Problem(kind=ProblemKind.UNDERSET, message="m", details=AtLine(2))
    with pytest.raises(TypeError):
        Problem(ProblemKind.UNDERSET, "m", Underset(2))  # type: ignore[misc]
    under = Problem(kind=ProblemKind.UNDERSET, message="m", details=Underset(2))
    placed = under._replace(where=Rect(1, 2, 3, 4))
    assert placed.where == Rect(1, 2, 3, 4) and placed != under and under.where is None
