"""Validate records against the packaged JSON Schemas, reporting every error with its location.

    >>> problems = validate_record({"schema_version": "1.0.0", "id": ""})
    >>> problems[0]
    Problem(path='$', message="'source' is a required property", kind='required')
    >>> any(p.path == "$.id" for p in problems)
    True

Two validators share the work: a compiled one (jsonschema-rs, about a hundred times faster)
answers "valid or not" for every record, and `jsonschema` collects the errors, with their
paths and its familiar messages, only for the records that fail (and is imported only then:
an archive of valid records never loads it).

Every version of the schema ever released ships with the package (`schemas/history/`), so a
record is checked against the version it declares in `schema_version`: an archive written by
an older cleaner stays valid. `Schema.from_file` loads a user's own schema instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from cleaner.document import SCHEMA_VERSION

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_REPO_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_NAMES = ("article", "reject")


class SchemaFileError(ValueError):
    """A schema file that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One error in a record: where (a JSONPath), what is wrong, and its kind (the JSON Schema
    keyword that failed, like `required` or `type`, or a strict check's name)."""

    path: str
    message: str
    kind: str = "schema"


def _schemas_folder() -> Traversable | Path:
    packaged = resources.files("cleaner") / "schemas"
    return packaged if packaged.is_dir() else _REPO_SCHEMAS


def schema_text(name: str = "article", version: str | None = None) -> str:
    """The text of a packaged schema (`article` or `reject`), the current version or `version`;
    `KeyError` for a version never released (whatever a record says it is).

    >>> json.loads(schema_text("article", "1.0.0"))["properties"]["schema_version"]["const"]
    '1.0.0'
    """
    folder = _schemas_folder()
    if version is None or version == SCHEMA_VERSION:
        return (folder / f"{name}.schema.json").read_text("utf-8")
    if version not in known_versions(name):
        raise KeyError(version)
    return (folder / "history" / f"{name}-{version}.schema.json").read_text("utf-8")


def known_versions(name: str = "article") -> list[str]:
    """Every released version of a schema, oldest first (the current one last).

    >>> known_versions()[0], known_versions()[-1] == SCHEMA_VERSION
    ('1.0.0', True)
    """
    prefix = f"{name}-"
    found = [
        entry.name.removeprefix(prefix).removesuffix(".schema.json")
        for entry in (_schemas_folder() / "history").iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(".schema.json")
    ]
    return sorted({*found, SCHEMA_VERSION}, key=lambda v: tuple(int(p) for p in v.split(".")))


class Schema:
    """One JSON Schema, with a compiled validator for the fast path and `jsonschema` for errors."""

    def __init__(self, schema: dict[str, Any], name: str) -> None:
        self.name = name
        self.schema = schema
        self._compiled = jsonschema_rs.Draft202012Validator(schema)
        self._full: Draft202012Validator | None = None

    @classmethod
    def from_file(cls, path: str | Path) -> Schema:
        """A user's schema (`--schema FILE`); `SchemaFileError` when it is not usable."""
        from jsonschema import Draft202012Validator, SchemaError

        try:
            schema = json.loads(Path(path).read_text("utf-8"))
            Draft202012Validator.check_schema(schema)
            return cls(schema, str(path))
        except OSError as error:
            raise SchemaFileError(f"{path}: cannot read the schema ({error.strerror})") from None
        except ValueError as error:
            raise SchemaFileError(f"{path}: the schema is not valid JSON ({error})") from None
        except SchemaError as error:
            raise SchemaFileError(
                f"{path}: not a valid JSON Schema ({error.message}); check it with a JSON "
                "Schema linter"
            ) from None

    def problems(self, record: Any) -> list[Problem]:
        """All errors in `record`, in a stable order; empty when it is valid.

        A string with a lone surrogate (a JSON `"\\ud800"` escape) is not UTF-8, which the
        compiled validator needs, so such a record is checked by `jsonschema` alone.
        """
        try:
            if self._compiled.is_valid(record):
                return []
        except UnicodeEncodeError:
            pass
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self.schema)
        errors = sorted(self._full.iter_errors(record), key=lambda e: list(e.absolute_path))
        return [
            Problem(_json_path(error), _message(error), str(error.validator)) for error in errors
        ]


@cache
def packaged_schema(name: str = "article", version: str | None = None) -> Schema:
    """A packaged schema, compiled once per process; `KeyError` for an unknown version."""
    return Schema(json.loads(schema_text(name, version)), f"{name} {version or SCHEMA_VERSION}")


def validate_record(record: Any, schema: str = "article") -> list[Problem]:
    """All errors in one record against the current packaged schema; empty when it is valid."""
    return packaged_schema(schema).problems(record)


def _json_path(error: ValidationError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (remove the field, or check its spelling)"
    return error.message
