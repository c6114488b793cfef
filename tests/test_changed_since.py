"""--changed-since and --only-changed-lines in a real git repository with real commits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = ("'''甲'''是一個人。<ref></ref>\n\n== 生平 ==\n他在[[北京]]出生。\n\n"
       "他後來去了上海。\n\n他在那裡工作了十年。\n\n== 參考資料 ==\n<references />\n")
OTHER = "'''乙'''是一座城市。<ref></ref>\n\n== 參考資料 ==\n<references />\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1", "HOME": ""}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def wikilint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wikilint", "check", *args], cwd=repo, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "articles"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "a.wiki").write_text(OLD, encoding="utf-8")
    (repo / "sub" / "other.wiki").write_text(OTHER, encoding="utf-8")
    (repo / "same.wiki").write_text(OTHER.replace("乙", "丙"), encoding="utf-8")
    (repo / "gone.wiki").write_text(OTHER.replace("乙", "丁"), encoding="utf-8")
    (repo / "notes.py").write_text("x = 1\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "articles")
    return repo


def test_changed_since_lints_changed_articles_only(repo: Path) -> None:
    git(repo, "mv", "sub/other.wiki", "sub/moved.wiki")
    git(repo, "rm", "-q", "gone.wiki")
    (repo / "a.wiki").write_text(OLD.replace("他後來去了上海。", "他後來去了[[上海]]]]。"), encoding="utf-8")
    (repo / "new.wiki").write_text(OTHER.replace("乙", "戊"), encoding="utf-8")  # untracked
    (repo / "notes.py").write_text("x = 2\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit")
    (repo / "sub" / "moved.wiki").write_text(OTHER + "\n", encoding="utf-8")  # and an uncommitted change
    proc = wikilint(repo, "--changed-since", "HEAD~1", "--format", "json", "-q")
    import json

    files = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert files == ["a.wiki", "new.wiki", "sub/moved.wiki"], proc.stderr
    only_sub = json.loads(wikilint(repo, "--changed-since", "HEAD~1", "--format", "json", "-q", "sub").stdout)
    assert [f["path"] for f in only_sub["files"]] == ["sub/moved.wiki"]


def test_only_changed_lines_reports_what_the_edit_introduced(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    edited = OLD.replace("他後來去了上海。", "他後來去了[[上海]]]]。")
    (repo / "a.wiki").write_text(edited, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a leftover ]]")
    (repo / "fresh.wiki").write_text(OTHER, encoding="utf-8")
    proc = wikilint(repo, "--changed-since", base, "--only-changed-lines")
    lines = proc.stdout.splitlines()
    assert [line.split()[2] for line in lines if line.startswith("a.wiki:")] == ["LK001"], proc.stdout
    assert lines[0].startswith("a.wiki:6:") and proc.returncode == 1  # the old empty ref in a.wiki is not reported
    assert any(line.startswith("fresh.wiki:1:") and " FN001 " in line for line in lines)  # a new file: everything
    # without --only-changed-lines the whole changed article is judged
    assert " FN001 " in wikilint(repo, "--changed-since", base, "a.wiki").stdout


def test_an_article_wide_finding_the_edit_introduced_is_reported_off_the_changed_lines(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    # linking 北京 earlier in the section makes the old link on line 4 a repeated one (LK008, article-wide)
    (repo / "a.wiki").write_text(OLD.replace("== 生平 ==\n", "== 生平 ==\n他常說[[北京]]很好。\n"), encoding="utf-8")
    proc = wikilint(repo, "--changed-since", base, "--only-changed-lines", "--fail-on", "info")
    lines = proc.stdout.splitlines()
    assert any(" LK008 " in line for line in lines), proc.stdout
    assert not any(" FN001 " in line for line in lines)  # untouched and not article-wide
    # the same repeat already there at the revision is not new
    git(repo, "commit", "-q", "-am", "repeat")
    (repo / "a.wiki").write_text((repo / "a.wiki").read_text(encoding="utf-8") + "\n他很高。\n", encoding="utf-8")
    proc = wikilint(repo, "--changed-since", "HEAD", "--only-changed-lines", "--fail-on", "info")
    assert proc.stdout == "" and proc.returncode == 0


def test_changed_since_outside_a_repository_or_with_a_bad_revision_exits_2(repo: Path, tmp_path: Path) -> None:
    proc = wikilint(repo, "--changed-since", "no-such-rev")
    assert proc.returncode == 2 and "no-such-rev" in proc.stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    assert wikilint(outside, "--changed-since", "HEAD").returncode == 2
    assert wikilint(repo, "--only-changed-lines", "a.wiki").returncode == 2


def test_hunk_headers_give_the_changed_lines_of_each_file_whatever_its_name() -> None:
    from wikilint.gitdiff import changed_lines

    diff = (b"diff --git a/x y.wiki b/x y.wiki\n--- a/x y.wiki\t\n+++ b/x y.wiki\t\n@@ -1,0 +2,2 @@\n+c\n+d\n"
            b"@@ -5 +7 @@\n-e\n+f\n@@ -9,2 +10,0 @@\n-g\n-h\n"
            b'diff --git "a/q\\"t.wiki" "b/q\\"t.wiki"\n--- "a/q\\"t.wiki"\n+++ "b/q\\"t.wiki"\n@@ -1 +1 @@\n-a\n+b\n'
            b"--- a/gone.wiki\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
            + "+++ b/中文.wiki\n@@ -3,0 +4 @@\n+新\n".encode("utf-8"))
    assert changed_lines(diff) == {"x y.wiki": {2, 3, 7}, 'q"t.wiki': {1}, "中文.wiki": {4}}
