"""The seed article as a user checks it: what each family reports, and fixing a copy of it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


def wikilint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wikilint", *args], capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seed_lines() -> dict[str, list[int]]:
    proc = wikilint("check", "--format", "json", "seeds/")
    assert proc.returncode == 1
    lines: dict[str, list[int]] = defaultdict(list)
    for finding in json.loads(proc.stdout)["files"][0]["findings"]:
        lines[finding["rule"]].append(finding["range"]["start"]["line"])
    return lines


def test_footnotes(seed_lines) -> None:
    empty = sorted(int(line) - 105 for line in seed_lines["FN001"])  # footnote n sits on line 105 + n
    expected = [n for n in range(1, 114) if n not in (5, 43, 74, 75, 76, 111)]
    assert empty == expected and len(empty) == 107
    assert seed_lines["FN006"] == [1, 15]


def test_links(seed_lines) -> None:
    assert seed_lines["LK001"] == [9]
    assert sorted(set(seed_lines["LK003"])) == [15, 44, 54, 68, 86]
    assert {1, 9, 15}.issubset(seed_lines["LK005"])


def test_names(seed_lines) -> None:
    assert seed_lines["NM002"] == [62]
    assert seed_lines["NM001"] == [3, 64, 68, 70]
    assert "NM004" not in seed_lines  # 金赫哲 and 金永南 are other people


def test_script(seed_lines) -> None:
    assert seed_lines["SC001"] == [50, 62, 64, 70, 74, 76]
    quiet = {19, 84, 100, 104} | set(range(106, 219))
    assert not quiet & set(seed_lines["SC001"] + seed_lines["SC002"])


def test_dates_are_clean(seed_lines) -> None:
    assert not [rule for rule in seed_lines if rule.startswith("DT")]


def test_no_internal_errors(seed_lines) -> None:
    assert not [rule for rule in seed_lines if rule.startswith(("EN", "IN"))]


def _fixable_lines(path: Path) -> set[int]:
    report = json.loads(wikilint("check", "--format", "json", str(path)).stdout)
    return {line for f in report["files"][0]["findings"] if "fix" in f
            for line in range(f["range"]["start"]["line"], f["range"]["end"]["line"] + 1)}


def test_fix_keeps_line_endings_touches_only_findings_and_is_idempotent(tmp_path: Path) -> None:
    original = SEED.read_bytes().replace(b"\n", b"\r\n")
    article = tmp_path / "article.txt"
    article.write_bytes(original)
    fixable = _fixable_lines(article)
    diff = wikilint("check", "--diff", "--unsafe-fixes", str(article))
    assert article.read_bytes() == original, "--diff must not write"
    assert "+2月28日首先舉行".encode() in diff.stdout

    wikilint("check", "--fix", "--unsafe-fixes", str(article))
    fixed = article.read_bytes()
    assert fixed.count(b"\r\n") == original.count(b"\r\n") and b"\n" not in fixed.replace(b"\r\n", b"")
    old_lines, new_lines = original.decode().split("\r\n"), fixed.decode().split("\r\n")
    assert len(old_lines) == len(new_lines)
    changed = {i + 1 for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b}
    assert {62, 64}.issubset(changed) and changed <= fixable
    assert "會談" in new_lines[61] and "会谈" not in new_lines[61] and "会谈" not in new_lines[63]
    assert all(new_lines[i] == old_lines[i] for i in range(105, len(old_lines)))  # the references list

    wikilint("check", "--fix", "--unsafe-fixes", str(article))
    assert article.read_bytes() == fixed, "fixing twice changed the file"


def test_script_fix_changes_only_script_findings(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(SEED, article)
    wikilint("check", "--fix", "--unsafe-fixes", "--select", "script", str(article))
    old_lines = SEED.read_text(encoding="utf-8").split("\n")
    new_lines = article.read_text(encoding="utf-8").split("\n")
    changed = {i + 1 for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b}
    assert changed == {1, 3, 9, 11, 50, 62, 64, 70, 74, 76}
    assert all(len(a) == len(b) for a, b in zip(old_lines, new_lines))  # character-level conversion only


def test_fix_writes_only_safe_fixes_by_default(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copy(SEED, article)
    wikilint("check", "--fix", "--select", "names", str(article))
    text = article.read_text(encoding="utf-8")
    assert "金永哲" not in text  # NM002's fix is safe
    assert text.count("川普") == SEED.read_text(encoding="utf-8").count("川普")  # NM001's 2-character fix is not


def test_fix_keeps_a_byte_order_mark_and_the_file_mode(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    article.chmod(0o640)
    wikilint("check", "--fix", "--select", "NM002", str(article))
    data = article.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert "金永哲" not in data.decode("utf-8-sig")
    assert article.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "article.txt"], "a temporary file was left behind"
