"""Rule data: the tables editors maintain under ``rules/``, loaded and validated once.

``rules/`` ships with the package (``wikilint/resources/rules``, linked from the repository's top as
``rules/``: ``rules/names/*.toml|json`` …) and each family's tables are validated against
``schemas/<family>.schema.json`` at first use.  A broken table is
refused with a ``RuleDataError`` whose message names the file and the entry::

    rules/names/hand.toml: entries[3] (id 'Q123'): 'forms' is a required property

Rules reach the data through ``ctx.data`` (a ``RuleData``); they never open files themselves.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from wikilint import cache, schemas
from wikilint.paths import packaged

T = TypeVar("T")


class RuleDataError(ValueError):
    """A rule data file that cannot be read or does not match its schema."""


def default_rules_dir() -> Traversable:
    """The packaged ``rules/`` folder (a ``Path`` unless wikilint runs from a zip)."""
    return packaged("rules")


def default_schemas_dir() -> Traversable:
    return packaged("schemas")


def _where(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


class RuleData:
    """Loads ``rules/<family>/*`` once per family, validating each file against its schema.

    ``RuleData()`` uses the packaged ``rules/``; ``RuleData(path)`` or ``RuleData.from_dir(path)``
    another directory (a project's own tables).  Loading is lazy and cached; it is thread-safe.
    """

    def __init__(self, rules_dir: str | Path | Traversable | None = None,
                 schemas_dir: str | Path | Traversable | None = None) -> None:
        self.rules_dir = _folder(rules_dir) if rules_dir is not None else default_rules_dir()
        self.schemas_dir = _folder(schemas_dir) if schemas_dir is not None else default_schemas_dir()
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_dir(cls, rules_dir: str | Path | None = None) -> "RuleData":
        return cls(rules_dir)

    def __repr__(self) -> str:
        return f"RuleData({str(self.rules_dir)!r})"

    def __getstate__(self) -> dict:
        # picklable for worker processes: the lock and the caches are rebuilt there, and the
        # packaged folders are found again (a zip application's are not picklable)
        return {"rules_dir": None if str(self.rules_dir) == str(default_rules_dir()) else self.rules_dir,
                "schemas_dir": None if str(self.schemas_dir) == str(default_schemas_dir()) else self.schemas_dir}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["rules_dir"], state["schemas_dir"])

    def sources(self, family: str) -> list[Traversable]:
        """What a family's loaded data depends on: its files, its schema and this loader."""
        return [*self.files(family), self.schemas_dir / f"{family}.schema.json", Path(__file__)]

    # -- generic ---------------------------------------------------------------------------------
    def files(self, family: str) -> list[Traversable]:
        folder = self.rules_dir / family
        if not folder.is_dir():
            return []
        return sorted((p for p in folder.iterdir() if p.name.endswith((".toml", ".json")) and p.is_file()),
                      key=lambda p: p.name)

    def _display(self, path: Traversable) -> str:
        """``rules/<family>/<file>``: the path an editor knows, wherever the folder is."""
        if isinstance(path, Path) and isinstance(self.rules_dir, Path):
            try:
                return str(path.relative_to(self.rules_dir.parent))
            except ValueError:
                return str(path)
        return f"{self.rules_dir.name}/{path.parent.name}/{path.name}" if hasattr(path, "parent") else str(path)

    def read_file(self, path: Traversable) -> Any:
        import tomllib  # only when tables are read: an index kept on disk needs none

        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            return tomllib.loads(text) if path.name.endswith(".toml") else json.loads(text)
        except (OSError, ValueError) as exc:  # TOMLDecodeError, JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise RuleDataError(f"{self._display(path)}: cannot read: {exc}") from exc

    def validate(self, family: str, data: Any, path: Traversable) -> None:
        """Raise RuleDataError naming the file and the entry for the first schema violation."""
        schema_path = self.schemas_dir / f"{family}.schema.json"
        if not schema_path.is_file():
            return
        validator = schemas.validator_for(schema_path)
        errors = sorted(validator.iter_errors(data), key=lambda e: tuple((0, x, "") if isinstance(x, int) else (1, 0, str(x)) for x in e.absolute_path))
        if not errors:
            return
        messages = []
        for error in errors[:5]:
            where = list(error.absolute_path)
            label = _where(where)
            if len(where) >= 2 and where[0] == "entries" and isinstance(where[1], int):
                entry = data["entries"][where[1]]
                ident = entry.get("id") if isinstance(entry, dict) else None
                label = f"entries[{where[1]}]" + (f" (id {ident!r})" if ident else "")
                if len(where) > 2:
                    label += " " + _where(where[2:])
            messages.append(f"{label}: {error.message}")
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise RuleDataError(f"{self._display(path)}: " + "; ".join(messages) + more)

    def load(self, family: str) -> list[tuple[Traversable, Any]]:
        """Every file of a family, parsed and validated: ``[(path, data), …]`` (cached)."""
        key = f"raw:{family}"
        with self._lock:
            if key not in self._cache:
                loaded = []
                # validating ~5,500 name entries with jsonschema takes about a second: a digest of
                # files that already passed is kept, so an unchanged table is not validated again
                known_good, marker = cache.marker_exists(f"validated-{family}", self.sources(family))
                for path in self.files(family):
                    data = self.read_file(path)
                    if not known_good:
                        self.validate(family, data, path)
                    loaded.append((path, data))
                if marker is not None and not known_good:
                    cache.write_bytes(marker, b"ok\n")
                self._cache[key] = loaded
            return self._cache[key]

    def cached(self, key: str, build):
        """Cache a value derived from the data (an index a rule family builds once)."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = build(self)
        with self._lock:
            return self._cache.setdefault(key, value)

    def index(self, declared: "FamilyIndex[T]") -> T:
        """What a family builds from its tables (``declared.build(self.load(family))``): built once per
        process, and kept on disk under the digest of the tables, the schema and the building code."""
        def build(_data: "RuleData") -> T:
            tables = self._tables_for(declared)
            # the digest of the tables is taken here, once: rules ask for the index per article
            sources = [*tables.sources(declared.family), *declared.code]
            return cache.disk_cached(f"{declared.family}-index", sources,
                                     lambda: declared.build(tables.load(declared.family)))

        return self.cached(f"index:{declared.family}", build)

    def _tables_for(self, declared: "FamilyIndex") -> "RuleData":
        """Where a family's tables are read: here, or, for a family that falls back, the packaged
        tables when a project's own ``rules-data`` folder has none of that family."""
        if declared.fallback and not self.files(declared.family) and str(self.rules_dir) != str(default_rules_dir()):
            return default_data()
        return self


@dataclass(frozen=True)
class FamilyIndex(Generic[T]):
    """A rule family's declaration that it builds a value (an index) from its tables in
    ``rules/<family>/``.  The family owns the value and how it is built; ``RuleData.index`` only
    loads, validates and caches.  ``code`` lists the files whose change must rebuild it."""

    family: str
    build: Callable[[list[tuple[Traversable, Any]]], T]
    code: tuple[Path, ...] = ()
    #: a project's own rules folder without this family's tables uses the packaged ones (tables of
    #: markup, such as what templates mean, rather than of content a project chooses)
    fallback: bool = False


def _folder(where: str | Path | Traversable) -> Path | Traversable:
    return Path(where) if isinstance(where, str) else where


_DEFAULT: RuleData | None = None


def rule_data(ctx) -> RuleData:
    """The rule data a run carries (``ctx.data``), or the packaged tables."""
    return ctx.data if ctx.data is not None else default_data()


def default_data() -> RuleData:
    """The process-wide RuleData over the packaged ``rules/`` (what ctx.data carries by default)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = RuleData()
    return _DEFAULT
