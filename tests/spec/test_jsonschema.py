"""The JSON Schemas made from banmian's own schema (``layout.spec.jsonschema``): valid JSON
Schemas, accepting every sample spec, edition file and article record (read as a YAML
language server reads them: dates as strings), refusing a misspelt key or a value outside a
choice, and the files in docs/schema/ up to date with ``banmian schema``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from layout.cli import main
from layout.spec.jsonschema import schemas

REPO = Path(__file__).resolve().parents[2]
SPECS = sorted([*REPO.glob("page_specs/*.yaml"), *REPO.glob("tests/fixtures/*.yaml")])
ARTICLES = sorted(REPO.glob("articles/**/*.yaml"))


class _AsWritten(yaml.SafeLoader):
    """YAML as a language server sees it: a date is a string (no timestamp resolver)."""


_AsWritten.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AsWritten)  # noqa: S506


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_sample_spec_is_valid(path: Path) -> None:
    errors = [e.message for e in _validator("page-spec").iter_errors(_read(path))]
    assert errors == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_article_is_valid(path: Path) -> None:
    errors = [e.message for e in _validator("article").iter_errors(_read(path))]
    assert errors == []


def test_a_misspelt_key_and_a_value_outside_its_choices_are_flagged() -> None:
    spec = _read(REPO / "page_specs" / "front.yaml")
    assert isinstance(spec, dict)
    spec["grid"]["colums"] = 8  # as typed in a hurry
    spec["boxes"][1]["kind"] = "artikel"
    spec["grid"]["lines"] = 0  # an integer ≥ 1
    found = {(tuple(e.path), e.validator) for e in _validator("page-spec").iter_errors(spec)}
    assert (("grid",), "additionalProperties") in found
    assert (("boxes", 1, "kind"), "enum") in found
    assert (("grid", "lines"), "minimum") in found


def test_an_article_needs_its_id_and_knows_its_keys() -> None:
    article = _read(REPO / "articles" / "energy.yaml")
    assert isinstance(article, dict)
    del article["id"]
    article["continued_to"] = "（下转2版）"  # retired: the jump is the box's now
    messages = [e.message for e in _validator("article").iter_errors(article)]
    assert any("'id' is a required property" in m for m in messages)
    assert any("'continued_to' was unexpected" in m for m in messages)


@pytest.mark.parametrize("name", ["page-spec", "article"])
def test_docs_schema_is_what_banmian_schema_prints(capsys, name: str) -> None:
    assert main(["schema", name]) == 0
    printed = capsys.readouterr().out
    shipped = (REPO / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert printed == shipped, (
        f"regenerate: banmian schema {name} -o docs/schema/{name}.schema.json"
    )
    assert json.loads(printed)["$schema"].endswith("2020-12/schema")
