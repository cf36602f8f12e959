"""The output contract: `schemas/article.schema.json` and `schemas/reject.schema.json`.

Positive and negative examples (tests/schema_examples/, see its README.md) validate or fail at
the expected JSON path; the schemas are valid JSON Schema 2020-12 with an `$id` and a version,
every object is closed (`additionalProperties: false`) and every property is described; the
schema the package loads is the one in `schemas/`, and it ships inside the wheel.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import typing
import zipfile
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from conftest import ROOT, assert_record_consistent
from jsonschema import Draft202012Validator

from cleaner.document import SCHEMA_VERSION, Encoding, EntityLabel
from cleaner.validate import known_versions, schema_text, validate_record

EXAMPLES = Path(__file__).resolve().parent / "schema_examples"
SCHEMAS = {name: ROOT / "schemas" / f"{name}.schema.json" for name in ("article", "reject")}
# The one object left open on purpose: the input record's other keys, passed through.
OPEN_OBJECTS = {"$.properties.metadata"}


def _load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def _expectation(path: Path) -> tuple[str, str]:
    note = path.with_suffix(".txt")
    assert note.exists(), f"{path.name} needs a sibling {note.name} saying what is wrong"
    fields = dict(
        line.split(": ", 1) for line in note.read_text("utf-8").splitlines() if ": " in line
    )
    assert fields.get("path", "").startswith("$") and fields.get("why"), note
    return fields["path"], fields["why"]


VALID = sorted((EXAMPLES / "valid").glob("*.json"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.json"))


def test_examples_exist() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 25
    notes = {p.stem for p in (EXAMPLES / "invalid").glob("*.txt")}
    assert notes == {p.stem for p in INVALID}, "every invalid example has its note and back"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_example(path: Path) -> None:
    record = _load(path)
    assert validate_record(record) == []
    assert_record_consistent(record)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_example(path: Path) -> None:
    expected, why = _expectation(path)
    problems = validate_record(_load(path))
    assert problems, f"{path.name} should fail: {why}"
    paths = {problem.path for problem in problems}
    assert expected in paths, (why, problems)
    # Exactly one thing is wrong: every error is at the expected path or inside it.
    for found in paths:
        assert found == expected or found.startswith((expected + ".", expected + "[")), (
            why,
            problems,
        )
    assert all(problem.message for problem in problems)


@pytest.mark.parametrize("path", VALID + INVALID, ids=[p.stem for p in VALID + INVALID])
def test_fast_and_full_validators_agree(path: Path) -> None:
    """The compiled fast path says "valid" exactly when jsonschema finds no error."""
    record = _load(path)
    full = Draft202012Validator(_load(SCHEMAS["article"]))
    assert jsonschema_rs.Draft202012Validator(_load(SCHEMAS["article"])).is_valid(record) == (
        full.is_valid(record)
    )


def test_additional_property_message_says_what_to_do() -> None:
    problems = validate_record(_load(EXAMPLES / "invalid" / "extra_field.json"))
    assert "'summary'" in problems[0].message
    assert "remove the field" in problems[0].message


# --- the schemas themselves ---------------------------------------------------------------------


@pytest.fixture(params=sorted(SCHEMAS), scope="module")
def schema(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _load(SCHEMAS[request.param])


def test_schema_is_valid_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_has_id_and_version(schema: dict[str, Any]) -> None:
    assert schema["$id"].startswith("https://")
    assert SCHEMA_VERSION in schema["$id"]
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert "schema_version" in schema["required"]
    assert schema.get("title") and schema.get("description")


def _subschemas(node: Any, where: str):
    """Every subschema that defines data (not the if/then/else conditions), with its path."""
    if not isinstance(node, dict):
        return
    yield where, node
    for name, child in node.get("properties", {}).items():
        yield from _subschemas(child, f"{where}.properties.{name}")
    for name, child in node.get("$defs", {}).items():
        yield from _subschemas(child, f"{where}.$defs.{name}")
    if isinstance(node.get("items"), dict):
        yield from _subschemas(node["items"], f"{where}.items")
    for keyword in ("prefixItems", "oneOf", "anyOf"):
        for number, child in enumerate(node.get(keyword, [])):
            yield from _subschemas(child, f"{where}.{keyword}[{number}]")


def test_every_object_is_closed(schema: dict[str, Any]) -> None:
    objects = [
        (where, node)
        for where, node in _subschemas(schema, "$")
        if node.get("type") == "object" or "properties" in node
    ]
    assert len(objects) >= 2
    for where, node in objects:
        if where in OPEN_OBJECTS:
            continue
        assert node.get("additionalProperties") is False, where
        assert set(node.get("required", [])) <= set(node["properties"]), where


def test_every_property_is_described(schema: dict[str, Any]) -> None:
    count = 0
    for where, node in _subschemas(schema, "$"):
        for name, child in node.get("properties", {}).items():
            count += 1
            assert isinstance(child.get("description"), str), f"{where}.properties.{name}"
            assert len(child["description"]) >= 10, f"{where}.properties.{name}"
    assert count >= 5


def test_article_schema_requires_every_field() -> None:
    schema = _load(SCHEMAS["article"])
    assert schema["required"] == list(schema["properties"])
    edit = schema["properties"]["edits"]["items"]
    optional = set(edit["properties"]) - set(edit["required"])
    assert optional == {"replacement", "plan"}


def test_packaged_schema_is_the_repository_schema() -> None:
    for name, path in SCHEMAS.items():
        assert json.loads(schema_text(name)) == _load(path)


def test_reject_reasons_match_the_readme() -> None:
    reasons = _load(SCHEMAS["reject"])["properties"]["reason"]["enum"]
    readme = (ROOT / "README.md").read_text("utf-8")
    for reason in reasons:
        assert f"`{reason}`" in readme, reason


def test_entity_labels_match_the_code() -> None:
    schema = _load(SCHEMAS["article"])
    labels = schema["properties"]["entities"]["items"]["properties"]["label"]["enum"]
    assert set(labels) == set(typing.get_args(EntityLabel))


def test_encoding_methods_match_the_code() -> None:
    schema = _load(SCHEMAS["article"])
    encoding = schema["properties"]["processing"]["properties"]["encoding"]["oneOf"][1]
    hints = typing.get_type_hints(Encoding)
    assert set(encoding["properties"]["method"]["enum"]) == set(typing.get_args(hints["method"]))


# --- the wheel ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout (skipped when the build backend cannot be had)."""
    out = tmp_path_factory.mktemp("wheel")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("building the wheel timed out (no network for the build backend?)")
    built = sorted(out.glob("cleaner-*.whl"))
    if result.returncode != 0 or not built:
        pytest.skip(
            "cannot build a wheel here (the build backend, hatchling, may need the network): "
            + (result.stderr.strip().splitlines() or ["no output"])[-1]
        )
    return built[0]


def test_wheel_ships_the_schemas(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name, path in SCHEMAS.items():
            inside = f"cleaner/schemas/{name}.schema.json"
            assert inside in names, sorted(names)
            assert json.loads(archive.read(inside)) == _load(path)
            for version in known_versions(name)[:-1]:  # older ones, to check old records
                assert f"cleaner/schemas/history/{name}-{version}.schema.json" in names


def test_wheel_ships_the_rule_tables(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for table in ("debris.en.toml", "captions.en.toml", "quotes.en.toml"):
        assert f"cleaner/rules/{table}" in names


# --- schema evolution: a change without a version bump fails ----------------------------------

FINGERPRINTS = Path(__file__).resolve().parent / "schema_fingerprints.json"


def _fingerprint(text: str) -> str:
    canonical = json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_change_needs_a_version_bump(name: str) -> None:
    recorded = json.loads(FINGERPRINTS.read_text("utf-8"))[name]
    assert SCHEMA_VERSION in recorded, (
        f"version {SCHEMA_VERSION} has no fingerprint: add it to {FINGERPRINTS.name}"
    )
    assert _fingerprint(schema_text(name)) == recorded[SCHEMA_VERSION], (
        f"schemas/{name}.schema.json changed but its version is still {SCHEMA_VERSION}: copy "
        f"the released file to schemas/history/{name}-{SCHEMA_VERSION}.schema.json, bump "
        "SCHEMA_VERSION (cleaner/document.py) and the schema's $id and schema_version const, "
        f"and record the new version's fingerprint in tests/{FINGERPRINTS.name}"
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_released_schemas_never_change(name: str) -> None:
    recorded = json.loads(FINGERPRINTS.read_text("utf-8"))[name]
    assert sorted(recorded) == sorted(known_versions(name))
    for version, fingerprint in recorded.items():
        text = schema_text(name, version)
        assert json.loads(text)["properties"]["schema_version"]["const"] == version
        assert _fingerprint(text) == fingerprint, (
            f"released schema {name} {version} was edited; released versions are frozen"
        )
