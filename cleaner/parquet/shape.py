"""The shape of a record, read from its JSON Schema: the one source of the Parquet columns.

    >>> shape = shape_of({"type": "object", "required": ["a"], "properties": {
    ...     "a": {"type": ["integer", "null"]},
    ...     "b": {"type": "array", "items": {"type": "string"}}}})
    >>> shape.fields["a"], shape.fields["b"].items.kind, shape.required
    (Shape(kind='integer', nullable=True), 'string', frozenset({'a'}))

A schema node becomes one of seven kinds: `string` (also an `enum` or `const` of strings),
`integer`, `number`, `boolean`, `array` (its `items`; a `prefixItems` tuple whose members share
one kind is an array of that kind), `object` (its `properties`, in the schema's order) and
`json`, an object without declared properties (the record's `metadata`), stored as JSON text.
`nullable` is whether the schema allows null (`"type": [..., "null"]`, `oneOf` with
`{"type": "null"}`, `null` in an `enum`). A construct with no column shape (`anyOf` of two
kinds, an array of mixed kinds) is an `UnmappedSchema` error naming where, so a schema bump
that needs a new mapping fails the tests instead of writing columns that drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_SCALARS = {"string", "integer", "number", "boolean"}


class UnmappedSchema(ValueError):
    """A JSON Schema construct that has no Parquet column shape; the message says where."""


@dataclass(frozen=True, slots=True)
class Shape:
    """One column's shape: its kind, whether null is allowed, and what it holds."""

    kind: str
    nullable: bool = False
    items: Shape | None = field(default=None, repr=False)
    fields: dict[str, Shape] = field(default_factory=dict, repr=False)
    required: frozenset[str] = field(default=frozenset(), repr=False)


def shape_of(schema: dict[str, Any]) -> Shape:
    """The shape of the records `schema` (a JSON Schema document) describes."""
    return _shape(schema, schema.get("$defs", {}), "$")


def _shape(node: dict[str, Any], defs: dict[str, Any], where: str) -> Shape:
    if "$ref" in node:
        return _shape(defs[node["$ref"].rsplit("/", 1)[1]], defs, where)
    if "oneOf" in node or "anyOf" in node:
        options = node.get("oneOf") or node["anyOf"]
        others = [option for option in options if option.get("type") != "null"]
        if len(others) != 1:
            raise UnmappedSchema(f"{where}: a choice of several kinds has no column shape")
        inner = _shape(others[0], defs, where)
        return _with_null(inner, len(others) < len(options))
    kinds, nullable = _kinds(node, where)
    if len(kinds) != 1:
        raise UnmappedSchema(f"{where}: the kinds {sorted(kinds)} share no column shape")
    kind = kinds.pop()
    if kind in _SCALARS:
        return Shape(kind, nullable)
    if kind == "array":
        return Shape("array", nullable, items=_items(node, defs, where))
    if not node.get("properties"):
        return Shape("json", nullable)
    fields = {
        name: _shape(child, defs, f"{where}.{name}") for name, child in node["properties"].items()
    }
    return Shape("object", nullable, fields=fields, required=frozenset(node.get("required", ())))


def _kinds(node: dict[str, Any], where: str) -> tuple[set[str], bool]:
    """The JSON types a node allows other than null, and whether it allows null."""
    if "type" in node:
        declared = node["type"] if isinstance(node["type"], list) else [node["type"]]
        types = set(declared)
    elif "enum" in node or "const" in node:
        values = node["enum"] if "enum" in node else [node["const"]]
        types = {_json_type(value, where) for value in values}
    else:
        raise UnmappedSchema(f"{where}: no type, enum or const to give it a column shape")
    nullable = "null" in types
    types.discard("null")
    return types, nullable


def _json_type(value: Any, where: str) -> str:
    if value is None:
        return "null"
    for kind, python in (("boolean", bool), ("string", str), ("integer", int), ("number", float)):
        if isinstance(value, python):
            return kind
    raise UnmappedSchema(f"{where}: an enum of {type(value).__name__} has no column shape")


def _items(node: dict[str, Any], defs: dict[str, Any], where: str) -> Shape:
    if "items" in node and isinstance(node["items"], dict):
        return _shape(node["items"], defs, f"{where}[]")
    members = [_shape(member, defs, f"{where}[]") for member in node.get("prefixItems", ())]
    if not members or any(member != members[0] for member in members):
        raise UnmappedSchema(f"{where}: an array of mixed or unknown items has no column shape")
    return members[0]


def _with_null(shape: Shape, nullable: bool) -> Shape:
    return Shape(shape.kind, shape.nullable or nullable, shape.items, shape.fields, shape.required)
