"""``banmian fit SPEC -o FITTED.yaml``: the fit of a page spec file, written.

Contract: :func:`fit_file` loads the page spec (raises ``SpecErrors`` for bad input), checks
the output path before any work (it may not be one of the page's inputs,
``layout.output.check_output``, and must be in the page spec's own folder, because the paths
a spec writes are relative to its file), fits the page with one font library
(:func:`layout.fit.search.fit_page`) and writes the page spec file's own text with the changed
values changed (:mod:`layout.fit.spectext`; a page that changes nothing is written as it was,
byte for byte) through ``layout.output.write_file`` (atomic: a failed write leaves nothing
half-written).

:func:`fit_edition_file` fits an edition file's pages together
(:func:`layout.fit.search.fit_edition`) and never writes over a designer's file: the fitted
edition is the output (``edition.fitted.yaml``, in the edition file's folder, its name the
edition's with a suffix: ``.fitted``), every page spec the fit changed is written beside its
original with the same suffix (``front.fitted.yaml``), and the fitted edition's list of
pages names those, and the originals of the pages left as they were. In a fitted page spec,
its ``extends`` of the edition file and its ``continues.spec`` of a page also fitted are
re-pointed at the fitted files (a page finds its number, and a thread its page, in the
edition file it extends: :mod:`layout.spec.extends`). Every output path is checked before
any work; the page specs are written first, the fitted edition last. An edition that the
fit leaves as it is (nothing to change, or no change within the limits lowers its misfit)
is written nowhere: its own file is what to build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from layout.build import fonts_for, input_files
from layout.edition import edition_inputs
from layout.errors import OutputError, SourcePos
from layout.fit.search import MAX_TRIALS, EditionFit, FitResult, fit_edition, fit_page
from layout.fit.spectext import FitTextError, fitted_text, renamed_paths
from layout.output import check_output, write_file
from layout.spec import load_spec
from layout.spec.edition import EditionSpec, load_edition
from layout.spec.model import BoxKind, PageSpec
from layout.text.options import BreakMode
from layout.yamlsource import load_yaml


@dataclass(frozen=True)
class FitRun:
    """A fit written: the search's result and the file written."""

    result: FitResult
    output: Path
    max_trials: int


def fit_file(
    spec_path: Path,
    output: Path,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
) -> FitRun:
    """Fit the page of ``spec_path`` and write the fitted spec to ``output``."""
    spec = load_spec(spec_path)
    needs = needs_its_edition(spec)
    if needs is not None and spec.edition_file is not None:
        # A fitted copy under another name is in no edition's list, so it would build
        # without what the list gives the page. The edition's fit writes the copy and an
        # edition that names it.
        edition = spec.edition_file
        raise OutputError(
            output,
            f"{spec_path.name} is page {spec.page.number} of {edition.name}, which gives it "
            f"{needs}: a fitted copy would be in no edition; fit the edition instead "
            f"(banmian fit {edition.name} -o {fitted_name(edition, '.fitted').name}): it "
            f"writes {fitted_name(spec_path, '.fitted').name} and an edition that names it",
            refused=True,
        )
    if os.path.realpath(output.parent) != os.path.realpath(spec_path.parent):
        raise OutputError(
            output,
            f"the fitted spec must be written in the page spec's folder ({spec_path.parent}): "
            "the paths a spec writes (extends, articles, images) are relative to its own file",
            refused=True,
        )
    fonts = fonts_for(spec)
    check_output(output, input_files(spec, fonts))
    result = fit_page(spec, fonts, mode=mode, max_trials=max_trials)
    text = spec.path.read_bytes()
    if result.changes:
        own = text.decode("utf-8")  # as it is: its line endings and byte-order mark kept
        text = fitted_text(own, result.fitted, result.changes, file=spec.path).encode("utf-8")
    write_file(output, text)
    return FitRun(result, output, max_trials)


@dataclass(frozen=True)
class EditionFitRun:
    """An edition's fit written: the search's result, the fitted edition and page specs
    written (none when nothing changed), and the bound of trials."""

    result: EditionFit
    output: Path
    written: tuple[Path, ...]
    max_trials: int


def needs_its_edition(spec: PageSpec) -> str | None:
    """What a page listed in an edition has only from that edition (None: nothing, so a
    copy builds alone as it does): its number or name, when its own file writes neither
    (the starter's ``front.yaml``), or the story it continues from another page."""
    if spec.edition_file is None:
        return None
    if any(b.kind is BoxKind.ARTICLE and not b.article for b in spec.boxes):
        return "the story it continues from another page"
    own = load_yaml(spec.path).value
    page = own.get("page") if isinstance(own, dict) else None
    if not isinstance(page, dict) or "number" not in page or "name" not in page:
        return "its number and name"
    return None


def fitted_name(path: Path, suffix: str) -> Path:
    """The fitted file of ``path``: beside it, its stem with ``suffix`` (``front.yaml`` →
    ``front.fitted.yaml``)."""
    return path.with_name(f"{path.stem}{suffix}{path.suffix}")


def _suffix(edition: Path, output: Path) -> str:
    """What the fitted edition's name adds to the edition's (``edition.fitted.yaml``:
    ``.fitted``), the suffix of every fitted page spec; an output elsewhere or not so named is
    refused."""
    if os.path.realpath(output.parent) != os.path.realpath(edition.parent):
        raise OutputError(
            output,
            f"the fitted edition must be written in the edition file's folder "
            f"({edition.parent}): the paths it writes (its pages, articles) are relative to it",
            refused=True,
        )
    added = output.stem[len(edition.stem) :]
    if (
        not output.stem.startswith(edition.stem)
        or not added
        or output.suffix
        not in (
            ".yaml",
            ".yml",
        )
    ):
        raise OutputError(
            output,
            f"name the fitted edition as the edition with a suffix (e.g. {edition.stem}"
            f".fitted.yaml): each fitted page spec is written beside its own with the same "
            "suffix",
            refused=True,
        )
    return added


def fit_edition_file(
    edition_path: Path,
    output: Path,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
) -> EditionFitRun:
    """Fit the pages of the edition file ``edition_path`` together and write the fitted
    edition to ``output`` (see the module docstring); ``max_trials`` a page."""
    edition = load_edition(edition_path)
    suffix = _suffix(edition.path, output)
    inputs = edition_inputs(edition)
    for target in (output, *(fitted_name(s.path, suffix) for s in edition.specs)):
        check_output(target, inputs)
    fonts = fonts_for(edition.specs[0])
    result = fit_edition(edition.specs, fonts, mode=mode, max_trials=max_trials)
    if not result.changed:
        return EditionFitRun(result, output, (), max_trials)
    texts = _fitted_texts(edition, result, output, suffix)
    written = [write_file(path, text) for path, text in texts]
    return EditionFitRun(result, output, tuple(written), max_trials)


def _fitted_texts(
    edition: EditionSpec, result: EditionFit, output: Path, suffix: str
) -> list[tuple[Path, bytes]]:
    """The fitted page specs' texts and then the fitted edition's, each with its path (raises
    FitTextError, before anything is written, when one cannot be written)."""
    renames = {_abs(edition.path): output}
    renames |= {_abs(p.spec.path): fitted_name(p.spec.path, suffix) for p in result.changed}
    out: list[tuple[Path, bytes]] = []
    for page in result.changed:
        spec = page.spec
        shared = [_abs(f) for f in spec.shared_files]
        if _abs(edition.path) in shared[1:]:
            raise FitTextError(
                f"extends the edition file through {shared[0]}: a fitted page spec must name "
                "the fitted edition, so the page must extend the edition file itself",
                pos=SourcePos(spec.path, 1, 1),
                key_path="extends",
            )
        # Read as bytes: read_text would turn the file's CRLF line endings into LF.
        text = spec.path.read_bytes().decode("utf-8")
        text = fitted_text(text, page.fitted, page.changes, file=spec.path)
        text = renamed_paths(text, spec.path, renames)
        out.append((fitted_name(spec.path, suffix), text.encode("utf-8")))
    text = renamed_paths(edition.path.read_bytes().decode("utf-8"), edition.path, renames)
    out.append((output, text.encode("utf-8")))
    return out


def _abs(path: Path) -> Path:
    return Path(os.path.abspath(path))
