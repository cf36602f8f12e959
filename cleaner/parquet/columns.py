"""Arrow columns from a record's shape, and records to rows and back.

    >>> shape = shape_of({"type": "object", "required": ["id", "metadata"], "properties": {
    ...     "id": {"type": "string"}, "note": {"type": "string"}, "metadata": {"type": "object"}}})
    >>> arrow_schema(shape).to_string(show_schema_metadata=False)
    'id: string not null\\nnote: string\\nmetadata: string not null'
    >>> row = to_row(shape)({"id": "a", "metadata": {"x": 1}})
    >>> row
    {'id': 'a', 'metadata': '{"x":1}'}
    >>> from_row(shape)({"id": "a", "note": None, "metadata": '{"x":1}'})
    {'id': 'a', 'metadata': {'x': 1}}

Objects with properties are structs (fields in the schema's order), arrays are lists, enums are
strings, `json` objects (the free-form `metadata`) are JSON text, written as the JSONL writer
writes them. A column is `not null` when the schema requires it and does not allow null.

Absent keys round-trip exactly: the schema has optional keys only where null is not allowed
(an edit's `replacement` and `plan`), so an absent key is stored as null and a null read back
in such a column is dropped again. A schema with an optional key that allows null would make
that ambiguous, and `arrow_schema` refuses it (`UnmappedSchema`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from cleaner.parquet.shape import Shape, UnmappedSchema, shape_of
from cleaner.write import dumps

Convert = Callable[[Any], Any]

_SCALARS = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "json": pa.string(),
}


def arrow_schema(shape: Shape) -> pa.Schema:
    """The Arrow schema of records of `shape` (an object)."""
    return pa.schema(_fields(shape, "$"))


def _fields(shape: Shape, where: str) -> list[pa.Field]:
    fields = []
    for name, child in shape.fields.items():
        optional = name not in shape.required
        if optional and child.nullable:
            raise UnmappedSchema(
                f"{where}.{name}: an optional key that allows null cannot round-trip through "
                "Parquet (absent and null look the same); make it required or not nullable"
            )
        kind = _arrow_type(child, f"{where}.{name}")
        fields.append(pa.field(name, kind, nullable=optional or child.nullable))
    return fields


def _arrow_type(shape: Shape, where: str) -> pa.DataType:
    if shape.kind == "object":
        return pa.struct(_fields(shape, where))
    if shape.kind == "array":
        assert shape.items is not None
        item = _arrow_type(shape.items, f"{where}[]")
        return pa.list_(pa.field("item", item, nullable=shape.items.nullable))
    return _SCALARS[shape.kind]


def to_row(shape: Shape) -> Convert:
    """A function from a record to its row: `json` values become JSON text, the rest stays."""
    return _converter(shape, _dump_json, drop_nulls=False) or _same


def from_row(shape: Shape) -> Convert:
    """A function from a row read back to the record: JSON text parsed, absent keys dropped."""
    return _converter(shape, _load_json, drop_nulls=True) or _same


def _same(value: Any) -> Any:
    return value


def _dump_json(value: Any) -> Any:
    """The JSON text of a value, unpaired surrogates escaped as the JSONL writer does."""
    return dumps(value).encode("utf-8", "backslashreplace").decode("utf-8")


def _load_json(value: Any) -> Any:
    """Parsed JSON text; anything else (or text that is not JSON) as it is, for the validator
    to report."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _converter(shape: Shape, json_value: Convert, drop_nulls: bool) -> Convert | None:
    """The conversion of values of `shape`, or `None` where nothing in them changes."""
    if shape.kind == "json":
        return json_value
    if shape.kind == "array":
        assert shape.items is not None
        item = _converter(shape.items, json_value, drop_nulls)
        if item is None:
            return None
        return lambda values: [item(v) for v in values] if isinstance(values, list) else values
    if shape.kind != "object":
        return None
    children = {
        name: found
        for name, child in shape.fields.items()
        if (found := _converter(child, json_value, drop_nulls)) is not None
    }
    dropped = frozenset(shape.fields) - shape.required if drop_nulls else frozenset()
    if not children and not dropped:
        return None

    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if item is None:
                if key not in dropped:
                    out[key] = None
            elif key in children:
                out[key] = children[key](item)
            else:
                out[key] = item
        return out

    return convert


def record_shape(schema_text: str) -> Shape:
    """The shape of the records of a schema given as JSON text (a packaged schema file)."""
    return shape_of(json.loads(schema_text))
