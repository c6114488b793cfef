"""What a one-article run loads: only what its command and its selected rules need.

Cold start is measured with scripts/bench_start.py; these tests pin down the behaviour behind it
(which libraries and tables a run touches), not its time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

#: what a `check` never needs: the report validator and writers, the progress bar, the dump reader
NOT_FOR_CHECK = ("jsonschema", "tqdm", "mwxml", "wikilint.reporting.json", "wikilint.reporting.sarif",
                 "wikilint.reporting.html", "difflib")

PROBE = """
import gc, json, sys
from wikilint.cli import main
status = main(sys.argv[1:])
from wikilint.engine.data import RuleData
loaded = {key for o in gc.get_objects() if isinstance(o, RuleData) for key in o._cache}
print(json.dumps({"status": status, "modules": sorted(sys.modules), "data": sorted(loaded)}))
"""


def _run(cache: Path, *argv: str, cwd: Path = ROOT) -> dict:
    env = {**os.environ, "WIKILINT_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    _run(folder, "check", "-q", "--exit-zero", str(SEED))  # the second run of anyone's day: tables kept on disk
    return folder


def test_a_check_loads_no_report_writer_validator_or_progress_bar(cache: Path) -> None:
    run = _run(cache, "check", "-q", str(SEED))
    assert run["status"] == 1  # the seed has findings: the rules did run
    assert [m for m in NOT_FOR_CHECK if m in run["modules"]] == []


def test_a_check_of_one_family_loads_no_other_familys_tables(cache: Path) -> None:
    run = _run(cache, "check", "-q", "--select", "FN", str(SEED))
    assert run["status"] == 1
    assert "opencc" not in run["modules"] and "pypinyin" not in run["modules"]
    assert not any(key.startswith(("index:names", "raw:names")) for key in run["data"])
    everything = _run(cache, "check", "-q", str(SEED))
    assert "opencc" in everything["modules"] and "index:names" in everything["data"]


def test_a_configuration_that_passed_is_not_validated_again(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "wikilint.toml").write_text('ignore = ["LK005"]\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("正文。\n", encoding="utf-8")
    first = _run(cache, "check", "-q", str(article), cwd=tmp_path)
    again = _run(cache, "check", "-q", str(article), cwd=tmp_path)
    assert "jsonschema" in first["modules"] and "jsonschema" not in again["modules"]
    assert first["status"] == again["status"] == 0
    (tmp_path / "wikilint.toml").write_text('ignore = ["LK005"]\nfail-on = "never"\n', encoding="utf-8")
    for _ in range(2):  # a broken configuration is refused every time, never remembered
        refused = _run(cache, "check", "-q", str(article), cwd=tmp_path)
        assert refused["status"] == 2 and "jsonschema" in refused["modules"]
