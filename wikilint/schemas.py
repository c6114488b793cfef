"""The JSON Schemas wikilint ships (``schemas/``, package data) and validators built from them once.

jsonschema costs about 0.1 s to import, so it is imported here, on first validation only.
Local ``$ref``s are inlined before a validator is built: jsonschema resolves each ``$ref`` anew
for every instance, which doubled the time to validate a corpus report or the name tables.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from wikilint.paths import packaged


class SchemaError(ValueError):
    """A schema that cannot be used (missing, recursive $refs)."""


def inline_refs(schema: dict) -> dict:
    """Replace ``{"$ref": "#/$defs/x"}`` by the definition itself (local, non-recursive refs only)."""
    defs = schema.get("$defs", {})

    def walk(node: Any, depth: int = 0) -> Any:
        if depth > 50:
            raise SchemaError("schema $refs nest too deep (recursive?)")
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
                return walk(defs[ref[len("#/$defs/"):]], depth + 1)
            return {k: walk(v, depth + 1) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, depth + 1) for v in node]
        return node

    return walk(schema)


def schema_file(name: str) -> Traversable:
    """The shipped ``schemas/<name>.schema.json``."""
    return packaged("schemas") / f"{name}.schema.json"


def load_schema(path: Traversable) -> dict:
    return json.loads(path.read_bytes())


def validator_for(path: Traversable):
    """The compiled validator for the schema file at ``path`` (built once per process for each schema text)."""
    return _validator(path.read_text(encoding="utf-8"), compiled=True)


def validator(name: str):
    """The compiled validator for ``schemas/<name>.schema.json``."""
    return validator_for(schema_file(name))


def part_validator(name: str, *where: str):
    """The compiled validator for the part of ``schemas/<name>.schema.json`` at ``where`` (keys from
    the root, after inlining): a worker checks its own file of a report against ``properties.files.items``."""
    return _part_validator(schema_file(name).read_text(encoding="utf-8"), where)


@lru_cache(maxsize=16)
def _part_validator(source: str, where: tuple[str, ...]):
    part = inline_refs(json.loads(source))
    for key in where:
        part = part[key]
    return _validator(json.dumps(part), compiled=True)


def reference_validator(name: str):
    """jsonschema's own Draft 2020-12 validator for ``schemas/<name>.schema.json``, as it ships."""
    return _validator(schema_file(name).read_text(encoding="utf-8"), compiled=False)


@lru_cache(maxsize=16)
def _validator(source: str, compiled: bool):
    # keyed by the schema's text, not its path: a zip application's paths are new objects each time
    import jsonschema

    schema = inline_refs(json.loads(source))
    if compiled and not _refers({k: v for k, v in schema.items() if k != "$id"}):
        return _compiled_class()(schema)
    return jsonschema.Draft202012Validator(schema)


class InvalidDocument(ValueError):
    """A document (a report) that does not match its schema; the message gives the path."""


def check(name: str, document: Any, *part: str, at: str = "") -> None:
    """Raise InvalidDocument, naming where, when ``document`` does not match ``schemas/<name>.schema.json``
    (or its ``part``, for a piece of a document that stands at ``at`` in the whole)."""
    error = next(iter((part_validator(name, *part) if part else validator(name)).iter_errors(document)), None)
    if error is not None:
        where = at + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path) or "(top level)"
        raise InvalidDocument(f"{name} does not match schemas/{name}.schema.json at {where}: {error.message}")


# -- compiled validators ---------------------------------------------------------------------------
# jsonschema builds a new validator object for every subschema it descends into, for every instance:
# about 0.4 ms per finding of a report, as long as checking the article took.  A compiled validator
# is jsonschema's Draft 2020-12 validator whose ``properties`` and ``items`` reuse one validator per
# subschema, built once, and remember which scalar values a subschema already accepted (a rule code,
# a severity, a line number): the same keywords decide, with the same errors, 3 to 5 times faster.
# Only for schemas without ``$ref``/``$id`` below the root left after inlining (a reused validator
# keeps its parent's resolver).

_SCALARS = frozenset((str, int, float, bool, type(None)))
_SHORT = 40  # longer strings (messages, excerpts) rarely repeat: not worth remembering
_ACCEPTED_MAX = 200_000  # remembered (subschema, scalar) pairs before the memory is cleared


def _refers(node: Any) -> bool:
    if isinstance(node, dict):
        return any(k in ("$ref", "$dynamicRef", "$id") or _refers(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_refers(v) for v in node)
    return False


@lru_cache(maxsize=1)
def _compiled_class():
    import jsonschema
    from jsonschema import validators

    base = jsonschema.Draft202012Validator
    children: dict[int, Any] = {}
    accepted: set[tuple[int, type, Any]] = set()

    def child(parent, subschema):
        built = children.get(id(subschema))
        if built is None or built.schema is not subschema:
            built = children[id(subschema)] = parent.evolve(schema=subschema)
        return built

    def errors_under(parent, subschema, value, path, schema_path):
        kind = type(value)
        if kind in _SCALARS and isinstance(subschema, dict) and (kind is not str or len(value) <= _SHORT):
            key = (id(subschema), kind, value)
            if key in accepted:
                return
            errors = list(child(parent, subschema).iter_errors(value))
            if not errors:
                if len(accepted) > _ACCEPTED_MAX:
                    accepted.clear()
                accepted.add(key)
                return
        else:
            errors = child(parent, subschema).iter_errors(value)
        for error in errors:  # as jsonschema's descend() places them
            error.path.appendleft(path)
            if schema_path is not None:
                error.schema_path.appendleft(schema_path)
            yield error

    def properties(validator, properties, instance, schema):
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name in instance:
                yield from errors_under(validator, subschema, instance[name], name, name)

    def items(validator, items, instance, schema):
        if items is False or "prefixItems" in schema or not validator.is_type(instance, "array"):
            yield from base.VALIDATORS["items"](validator, items, instance, schema)
            return
        for index, value in enumerate(instance):
            yield from errors_under(validator, items, value, index, None)

    return validators.extend(base, {"properties": properties, "items": items})
