"""PDF functions evaluated (PDF 1.7 §7.10): what a tint transform or a shading gives for an
input, so the ink of a spot colour or a gradient can be measured.

Contract: :func:`evaluate` takes a function object (a dictionary or stream read with pikepdf,
or an array of one-output functions) and the inputs, and returns the outputs clipped to the
function's /Range, or None for a function it does not evaluate: type 0 (sampled) functions,
and anything malformed (a bad PostScript calculator program, a stack underflow, a division by
zero, a stream that does not decode, outputs that do not match its /Range). Types 2
(exponential interpolation, §7.10.3), 3 (stitching, §7.10.4) and 4 (PostScript calculator,
§7.10.5: the operators of table 42) are evaluated exactly."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any

from pikepdf import Array, PdfError

_TOKEN = re.compile(rb"[{}]|[^\s{}]+")

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
    "idiv": lambda a, b: int(a / b),
    "mod": lambda a, b: int(math.fmod(a, b)),
    "atan": lambda a, b: math.degrees(math.atan2(a, b)) % 360,
    "exp": lambda a, b: a**b,
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
    "and": lambda a, b: a and b if isinstance(a, bool) else a & b,
    "or": lambda a, b: a or b if isinstance(a, bool) else a | b,
    "xor": lambda a, b: a != b if isinstance(a, bool) else a ^ b,
    "bitshift": lambda a, b: a << b if b >= 0 else a >> -b,
}
_UNARY: dict[str, Callable[[Any], Any]] = {
    "neg": operator.neg,
    "abs": abs,
    "ceiling": math.ceil,
    "floor": math.floor,
    "round": lambda a: math.floor(a + 0.5),
    "truncate": math.trunc,
    "sqrt": math.sqrt,
    "sin": lambda a: math.sin(math.radians(a)),
    "cos": lambda a: math.cos(math.radians(a)),
    "ln": math.log,
    "log": math.log10,
    "cvi": int,
    "cvr": float,
    "not": lambda a: not a if isinstance(a, bool) else ~a,
}
_MAX_STEPS = 100_000  # a calculator program has no loops; this only bounds a hostile one


class _Bad(Exception):
    """A function that cannot be evaluated."""


def evaluate(function: Any, inputs: Sequence[float]) -> list[float] | None:
    """The outputs of ``function`` for ``inputs``, or None when it cannot be evaluated."""
    try:
        return _evaluate(function, [float(v) for v in inputs])
    except (_Bad, ArithmeticError, ValueError, TypeError, IndexError, KeyError, PdfError):
        return None


def domain(function: Any) -> tuple[float, float]:
    """The first input's domain (for sampling a shading's function)."""
    if isinstance(function, Array):
        function = function[0]
    values = [float(v) for v in function.get("/Domain", Array([0, 1]))]
    return values[0], values[1]


def _evaluate(function: Any, inputs: list[float]) -> list[float]:
    if isinstance(function, Array):  # one function of one output per component
        return [v for f in function for v in _evaluate(f, inputs)]
    kind = int(function.get("/FunctionType", -1))
    bounds = [float(v) for v in function.get("/Domain", Array())]
    clipped = [
        min(max(x, bounds[2 * i]), bounds[2 * i + 1]) if 2 * i + 1 < len(bounds) else x
        for i, x in enumerate(inputs)
    ]
    if kind == 2:
        out = _exponential(function, clipped[0])
    elif kind == 3:
        out = _stitching(function, clipped[0])
    elif kind == 4:
        out = _calculator(bytes(function.read_bytes()), clipped)
    else:
        raise _Bad(f"function type {kind}")
    limits = [float(v) for v in function.get("/Range", Array())]
    if limits and len(out) != len(limits) // 2:
        raise _Bad(f"{len(out)} outputs for a /Range of {len(limits) // 2}")
    if limits:
        out = [min(max(v, limits[2 * i]), limits[2 * i + 1]) for i, v in enumerate(out)]
    return out


def _exponential(function: Any, x: float) -> list[float]:
    c0 = [float(v) for v in function.get("/C0", Array([0]))]
    c1 = [float(v) for v in function.get("/C1", Array([1]))]
    t = x ** float(function.get("/N", 1))
    return [a + t * (b - a) for a, b in zip(c0, c1, strict=True)]


def _stitching(function: Any, x: float) -> list[float]:
    parts = list(function.Functions)
    bounds = [float(v) for v in function.get("/Bounds", Array())]
    encode = [float(v) for v in function.Encode]
    low, high = (float(v) for v in function.Domain)
    k = sum(1 for b in bounds if x >= b)
    k = min(k, len(parts) - 1)
    left = bounds[k - 1] if k > 0 else low
    right = bounds[k] if k < len(bounds) else high
    e0, e1 = encode[2 * k], encode[2 * k + 1]
    t = e0 if right == left else e0 + (x - left) * (e1 - e0) / (right - left)
    return _evaluate(parts[k], [t])


def _calculator(code: bytes, inputs: list[float]) -> list[float]:
    tokens = [t.decode("latin-1") for t in _TOKEN.findall(code)]
    program, end = _parse(tokens, 0)
    if end != len(tokens) or len(program) != 1 or not isinstance(program[0], list):
        raise _Bad("a calculator function is one { … } block")
    stack: list[Any] = list(inputs)
    _run(program[0], stack, [0])
    return [float(v) for v in stack]


def _parse(tokens: list[str], i: int) -> tuple[list[Any], int]:
    """Tokens from ``i`` to the matching ``}`` (or the end) as nested lists."""
    out: list[Any] = []
    while i < len(tokens):
        token = tokens[i]
        if token == "{":
            block, i = _parse(tokens, i + 1)
            out.append(block)
            continue
        if token == "}":
            return out, i + 1
        out.append(token)
        i += 1
    return out, i


def _run(block: list[Any], stack: list[Any], steps: list[int]) -> None:
    for item in block:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            raise _Bad("too many steps")
        if isinstance(item, list):
            stack.append(item)
        elif item in _BINARY:
            b, a = stack.pop(), stack.pop()
            stack.append(_BINARY[item](a, b))
        elif item in _UNARY:
            stack.append(_UNARY[item](stack.pop()))
        elif item in ("true", "false"):
            stack.append(item == "true")
        elif item == "if":
            body, cond = stack.pop(), stack.pop()
            if cond:
                _run(body, stack, steps)
        elif item == "ifelse":
            no, yes, cond = stack.pop(), stack.pop(), stack.pop()
            _run(yes if cond else no, stack, steps)
        else:
            _stack_op(item, stack)


def _stack_op(item: str, stack: list[Any]) -> None:
    if item == "dup":
        stack.append(stack[-1])
    elif item == "pop":
        stack.pop()
    elif item == "exch":
        stack[-1], stack[-2] = stack[-2], stack[-1]
    elif item == "copy":
        n = int(stack.pop())
        if n:
            stack.extend(stack[-n:])
    elif item == "index":
        stack.append(stack[-1 - int(stack.pop())])
    elif item == "roll":
        j, n = int(stack.pop()), int(stack.pop())
        if n:
            top = stack[-n:]
            j %= n
            stack[-n:] = top[-j:] + top[:-j] if j else top
    else:
        try:
            stack.append(int(item) if re.fullmatch(r"[+-]?\d+", item) else float(item))
        except ValueError:
            raise _Bad(f"unknown operator {item!r}") from None
