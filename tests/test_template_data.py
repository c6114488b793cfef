"""rules/templates and rules/links: the tables validate, and a broken one is refused by name."""

from __future__ import annotations

import pytest

from wikilint.checks.links.link_trail_in_text import WORD_SUFFIXES
from wikilint.checks.templates import TEMPLATES
from wikilint.engine.data import RuleData, RuleDataError


def test_packaged_tables_validate_and_read() -> None:
    data = RuleData()
    for family in ("templates", "links"):
        for path, table in data.load(family):
            data.validate(family, table, path)  # the cached marker must not hide a broken table
    table = data.index(TEMPLATES)
    assert table.citation("Cite_GNIS").source >= {"1", "2"}
    assert table.citation("Template:cite book").anchor == "ref"
    assert table.citation("citation step free south east rail") is None
    assert table.is_anchor("錨點") and not table.is_anchor("cite web")
    suffixes = data.index(WORD_SUFFIXES)
    assert {"家", "支", "系"} <= suffixes and "的" not in suffixes


@pytest.mark.parametrize("family, name, body, complaint", [
    ("templates", "bad.toml", 'citation = [ { names = ["Cite Web"], source = ["url"] } ]', "does not match"),
    ("templates", "bad.toml", 'citation = [ { names = ["cite web"] } ]', "'source' is a required property"),
    ("links", "bad.toml", 'suffixes = ["的 和"]', "does not match"),
])
def test_a_broken_table_is_refused_with_its_file(tmp_path, family: str, name: str, body: str, complaint: str) -> None:
    folder = tmp_path / "rules" / family
    folder.mkdir(parents=True)
    (folder / name).write_text(body, encoding="utf-8")
    data = RuleData(tmp_path / "rules")
    with pytest.raises(RuleDataError, match=complaint) as caught:
        data.validate(family, data.read_file(folder / name), folder / name)
    assert f"{family}/{name}" in str(caught.value)


def test_a_project_rules_folder_without_these_tables_uses_the_packaged_ones(tmp_path) -> None:
    (tmp_path / "rules" / "names").mkdir(parents=True)
    data = RuleData(tmp_path / "rules")
    assert data.index(TEMPLATES).citation("cite web") is not None and "家" in data.index(WORD_SUFFIXES)
    assert RuleData(tmp_path / "rules").index(TEMPLATES).citation("cite web") is not None  # and from the disk cache
