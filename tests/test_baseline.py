"""wikilint baseline and check --baseline: only findings the baseline does not hold are reported."""

from __future__ import annotations

import json
from pathlib import Path

from wikilint.cli import main

ARTICLE = ("'''甲'''是一個人。<ref></ref>\n\n== 生平 ==\n他去了[[北京]]]]，然後在那裡住了很多年。\n"
           "他的朋友很多。<ref></ref>\n\n== 參考資料 ==\n<references />\n")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _setup(tmp_path: Path, capsys, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.chdir(tmp_path)
    Path("a.wiki").write_text(ARTICLE, encoding="utf-8")
    code, _, err = _run(capsys, "baseline", "a.wiki", "-o", "ci/.wikilint-baseline.json")
    assert code == 0 and "3 findings" in err
    return Path("a.wiki"), Path("ci/.wikilint-baseline.json")


def test_baseline_survives_lines_inserted_above_the_findings(tmp_path: Path, capsys, monkeypatch) -> None:
    article, baseline = _setup(tmp_path, capsys, monkeypatch)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert sorted(e["rule"] for e in recorded["findings"]) == ["FN001", "FN001", "LK001"]
    article.write_text("新的一行。\n\n又一行，  空格不同。\n\n" + ARTICLE, encoding="utf-8")
    code, out, err = _run(capsys, "check", "--baseline", str(baseline), "a.wiki")
    assert (code, out) == (0, "") and "3 baselined" in err
    # without the baseline the same findings are all there, on other lines
    code, out, _ = _run(capsys, "check", "a.wiki")
    assert code == 1 and len(out.splitlines()) == 3 and out.startswith("a.wiki:5:")


def test_a_new_finding_is_reported_and_duplicates_are_counted(tmp_path: Path, capsys, monkeypatch) -> None:
    article, baseline = _setup(tmp_path, capsys, monkeypatch)
    # the same line twice: equal parts, so only the counter tells the second from the first
    line = "他去了[[北京]]]]，然後在那裡住了很多年。\n"
    article.write_text(ARTICLE.replace(line, line + line), encoding="utf-8")
    code, out, err = _run(capsys, "check", "--baseline", str(baseline), "a.wiki")
    lines = out.splitlines()
    assert code == 0 and all(x.startswith("a.wiki:5:") for x in lines), lines  # a warning and an info
    assert sorted(x.split()[2] for x in lines) == ["LK001", "LK008"]  # the repeated link is new too
    assert "3 baselined" in err


def test_a_fixed_finding_that_comes_back_is_new_again(tmp_path: Path, capsys, monkeypatch) -> None:
    article, baseline = _setup(tmp_path, capsys, monkeypatch)
    article.write_text(ARTICLE.replace("[[北京]]]]", "[[北京]]"), encoding="utf-8")
    code, out, err = _run(capsys, "check", "--baseline", str(baseline), "a.wiki")
    assert (code, out) == (0, "") and "dropped 1 entries" in err and "2 baselined" in err
    assert sorted(e["rule"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == ["FN001", "FN001"]
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = _run(capsys, "check", "--baseline", str(baseline), "a.wiki")
    assert code == 0 and len(out.splitlines()) == 1 and " LK001 " in out  # a warning: reported, not failing


def test_a_baseline_that_is_not_one_exits_2(tmp_path: Path, capsys, monkeypatch) -> None:
    _setup(tmp_path, capsys, monkeypatch)
    Path("bad.json").write_text('{"findings": 3}', encoding="utf-8")
    assert _run(capsys, "check", "--baseline", "bad.json", "a.wiki")[0] == 2
    assert _run(capsys, "check", "--baseline", "missing.json", "a.wiki")[0] == 2
