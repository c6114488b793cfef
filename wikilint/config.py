"""Configuration: ``[tool.wikilint]`` in pyproject.toml or a ``wikilint.toml``, validated by
``schemas/config.schema.json``.  Looked up from the checked path's folder upwards."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024
#: zh-wiki has about 1.5 million articles and 4 million titles in all namespaces
DEFAULT_TITLES_MAX_COUNT = 20_000_000
#: a full pages-articles dump unpacks to tens of GB; the ratio check in links_index catches bombs long before
DEFAULT_TITLES_MAX_BYTES = 64 << 30


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    variant: str | None = None
    rules_data: str | None = None
    titles: str | None = None
    fail_on: str = "error"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    titles_max_count: int = DEFAULT_TITLES_MAX_COUNT
    titles_max_bytes: int = DEFAULT_TITLES_MAX_BYTES
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None

    def ignored_at(self, path: str) -> tuple[str, ...]:
        return tuple(rule for pattern, rules in self.per_path_ignores.items() if _glob_matches(path, pattern)
                     for rule in rules)

    def excluded(self, path: str) -> bool:
        return any(_glob_matches(path, pattern) for pattern in self.exclude)


def _glob_matches(path: str, pattern: str) -> bool:
    """A glob matches the path as given, or any tail of it (``drafts/*`` matches ``corpus/drafts/a.md``)."""
    posix = path.replace("\\", "/")
    return fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, "*/" + pattern)


def from_mapping(data: dict[str, Any], source: str | None = None, base: Path | None = None) -> Config:
    """Validate a ``[tool.wikilint]`` table and build a Config; relative paths resolve against ``base``."""
    validate(data, source or "<config>")

    def resolve(value: str | None) -> str | None:
        if value is None or base is None:
            return value
        return str((base / value).resolve())

    return Config(
        select=tuple(data["select"]) if "select" in data else None,
        ignore=tuple(data.get("ignore", ())),
        severity=dict(data.get("severity", {})),
        per_path_ignores={k: tuple(v) for k, v in data.get("per-path-ignores", {}).items()},
        exclude=tuple(data.get("exclude", ())),
        variant=data.get("variant"),
        rules_data=resolve(data.get("rules-data")),
        titles=resolve(data.get("titles")),
        fail_on=data.get("fail-on", "error"),
        max_file_size=data.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
        titles_max_count=data.get("titles-max-count", DEFAULT_TITLES_MAX_COUNT),
        titles_max_bytes=data.get("titles-max-bytes", DEFAULT_TITLES_MAX_BYTES),
        rules={k: dict(v) for k, v in data.get("rules", {}).items()},
        source=source,
    )


def validate(data: dict[str, Any], source: str) -> None:
    import json

    from wikilint import cache
    from wikilint.schemas import schema_file

    # a configuration that passed is not validated again while it and the schema stay as they are:
    # importing jsonschema costs as much as the rest of a one-article check
    schema_text = schema_file("config").read_bytes()
    try:
        seen = json.dumps(data, sort_keys=True, default=repr).encode()
    except (TypeError, ValueError):  # not a table read from TOML (keys that do not sort): validate it every time
        seen = None
    passed, marker = (False, None) if seen is None else cache.marker_exists("validated-config",
                                                                             payload=schema_text + b"\0" + seen)
    if passed:
        return
    _validate(data, source, json.loads(schema_text))
    if marker is not None:
        cache.write_bytes(marker, b"ok\n")


def _validate(data: dict[str, Any], source: str, schema: dict) -> None:
    from wikilint.schemas import validator

    errors = sorted(validator("config").iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.path)
        if error.validator == "additionalProperties" and not where:
            unknown = sorted(set(data) - set(schema["properties"]))
            raise ConfigError(f"{source}: unknown key {', '.join(map(repr, unknown))} in [tool.wikilint]")
        raise ConfigError(f"{source}: key {where or '(top level)'!r}: {error.message}")


def find_config(start: Path) -> Config:
    """The nearest wikilint.toml, or pyproject.toml with [tool.wikilint], from ``start`` upwards."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "wikilint.toml"
        if own.is_file():
            return load_file(own)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            data = read_toml(pyproject)
            table = data.get("tool", {}).get("wikilint")
            if table is not None:
                return from_mapping(table, str(pyproject), candidate)
    return Config()


#: a configuration is a few lines; anything near this is not one (and /dev/zero never ends)
MAX_CONFIG_SIZE = 1 << 20


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table.  Every way it can fail (unreadable, a FIFO or device, too large, not
    UTF-8, not TOML, nested too deep for the parser) is a ConfigError that names the file."""
    from wikilint.reading import read_bounded

    try:
        raw = read_bounded(path, MAX_CONFIG_SIZE)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_CONFIG_SIZE:
        raise ConfigError(f"{path}: over {MAX_CONFIG_SIZE // 1024} KiB: not a configuration file")
    import tomllib  # only where a configuration file exists

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: values nested too deep") from None


def load_file(path: Path) -> Config:
    data = read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("wikilint", {})
    return from_mapping(data, str(path), path.parent)
