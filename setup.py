"""The compiled inner loops of the text engine: the line breaker, ``layout.text._breaker``
(layout/text/_breaker.c), and collect's and prepare's, ``layout.text._loops``
(layout/text/_loops.c): built by ``pip install .`` and ``pip install -e .`` where a C
compiler and Python's headers are found; without them the build goes on and the text engine
runs its pure-Python code, which gives the same results (``optional=True``). Everything else
is in pyproject.toml."""

from setuptools import Extension, setup

# The same floating-point results as Python's: no fused multiply-add, no reassociation
# (-ffast-math is never given).
_FLOATS_AS_PYTHON = ["-ffp-contract=off"]

setup(
    ext_modules=[
        Extension(
            "layout.text._breaker",
            ["layout/text/_breaker.c"],
            extra_compile_args=_FLOATS_AS_PYTHON,
            optional=True,
        ),
        Extension(
            "layout.text._loops",
            ["layout/text/_loops.c"],
            extra_compile_args=_FLOATS_AS_PYTHON,
            optional=True,
        ),
    ]
)
