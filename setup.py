"""The compiled line breaker, ``layout.text._breaker`` (layout/text/_breaker.c): built by
``pip install .`` and ``pip install -e .`` where a C compiler and Python's headers are found;
without them the build goes on and ``layout.text.linebreak`` runs its pure-Python breaker,
which gives the same breaks (``optional=True``). Everything else is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "layout.text._breaker",
            ["layout/text/_breaker.c"],
            # The same floating-point results as Python's: no fused multiply-add, no
            # reassociation (-ffast-math is never given).
            extra_compile_args=["-ffp-contract=off"],
            optional=True,
        )
    ]
)
