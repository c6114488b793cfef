"""The compiled validators decide as jsonschema's own validator does, with the same errors."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from wikilint.engine.data import RuleData
from wikilint.schemas import InvalidDocument, check, reference_validator, validator

BREAKAGES = [
    lambda r: r["files"][0]["findings"][0].update(rule="fn001"),
    lambda r: r["files"][0]["findings"][3]["range"]["start"].update(line=0),
    lambda r: r["files"][0]["findings"][1]["range"]["end"].update(offset=True),
    lambda r: r["files"][0]["findings"][2].update(message=""),
    lambda r: r["files"][0]["findings"][-1].update(severity="fatal"),
    lambda r: r["files"][0]["findings"][0].update(related=[{"start": {}, "end": None}]),
    lambda r: r["files"][0].update(format="html"),
    lambda r: r["files"][0]["findings"].append(1.5),
    lambda r: r["summary"]["by_rule"].update(XX001=0),
    lambda r: r["settings"]["rules"][0].update(family="other", extra=1),
]


def _errors(found) -> list[tuple]:
    return sorted((tuple(map(str, e.absolute_path)), tuple(map(str, e.absolute_schema_path)), e.validator, e.message)
                  for e in found)


@pytest.fixture(scope="module")
def report() -> dict:
    """The seed article's report."""
    proc = subprocess.run([sys.executable, "-m", "wikilint", "check", "--format", "json", "seeds/"], cwd=ROOT,
                          capture_output=True, check=False)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("breakage", range(len(BREAKAGES)))
def test_a_compiled_validator_reports_what_jsonschema_reports(report: dict, breakage: int) -> None:
    broken = copy.deepcopy(report)
    BREAKAGES[breakage](broken)
    # twice: the second pass runs on validators and accepted values remembered from the first
    for _ in range(2):
        assert validator("report").is_valid(report)
        expected = _errors(reference_validator("report").iter_errors(broken))
        assert expected and _errors(validator("report").iter_errors(broken)) == expected
    with pytest.raises(InvalidDocument, match=r"schemas/report.schema.json at \.(files\[0\]|summary|settings)"):
        check("report", broken)


def test_name_tables_get_the_same_errors_from_both() -> None:
    data = RuleData()
    for path, table in data.load("names")[:3]:
        broken = copy.deepcopy(table)
        broken["entries"][0].pop("forms", None)
        broken["entries"][-1]["id"] = 7
        broken["table"]["kind"] = "planet"
        expected = _errors(reference_validator("names").iter_errors(broken))
        assert expected and _errors(validator("names").iter_errors(broken)) == expected, path.name
