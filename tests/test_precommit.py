"""End to end: the real pre-commit, in a temporary git repository of articles, running this
repository's hooks from a temporary clone of it at a commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")

pytestmark = pytest.mark.skipif(shutil.which("git") is None or PRE_COMMIT is None or not (ROOT / ".git").exists(),
                                reason="git, pre-commit (the test extra) and a git checkout of wikilint are needed")

EMPTY_REF = "'''甲'''是一個人。<ref></ref>\n\n== 參考資料 ==\n<references />\n"
CLEAN = "'''乙'''是一座城市，位於[[河北]]。\n"
MIXED = "3月1日凌晨，朝鮮外務相舉行記者會，回應前一日川普指稱朝鲜要求全面解除制裁的說法。\n"


def _env(home: Path) -> dict:
    return {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_HOME": str(home / "pre-commit"),
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


def _git(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[Path, dict, str]:
    """A clone of this repository's tracked files as they are on disk, committed, and a repository of articles."""
    home = tmp_path_factory.mktemp("home")
    env = _env(home)
    clone = home / "wikilint"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for raw in filter(None, tracked):
        name = raw.decode("utf-8")
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "wikilint"]):
        assert _git(clone, env, *args).returncode == 0
    rev = _git(clone, env, "rev-parse", "HEAD").stdout.strip()
    articles = home / "articles"
    articles.mkdir()
    assert _git(articles, env, "init", "-q", "-b", "main").returncode == 0
    (articles / "wikilint.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    return articles, env, f"repos:\n  - repo: {clone.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: {{hook}}\n"


def _use_hook(articles: Path, env: dict, config: str, hook: str) -> None:
    (articles / ".pre-commit-config.yaml").write_text(config.format(hook=hook), encoding="utf-8")
    proc = subprocess.run([PRE_COMMIT, "install"], cwd=articles, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    _git(articles, env, "add", ".pre-commit-config.yaml", "wikilint.toml")


def _commit(articles: Path, env: dict, *names: str) -> subprocess.CompletedProcess:
    _git(articles, env, "add", *names)
    return _git(articles, env, "commit", "-m", f"edit {' '.join(names)}")


def _write(articles: Path, name: str, text: str) -> None:
    (articles / name).parent.mkdir(parents=True, exist_ok=True)
    (articles / name).write_text(text, encoding="utf-8")


def test_the_check_hook_refuses_findings_passes_clean_articles_and_skips_excluded_ones(setup) -> None:
    articles, env, config = setup
    _use_hook(articles, env, config, "wikilint")
    _write(articles, "bad.wiki", EMPTY_REF)
    _write(articles, "good1.wiki", CLEAN)
    _write(articles, "good2.wiki", CLEAN.replace("乙", "丙"))
    refused = _commit(articles, env, "bad.wiki", "good1.wiki", "good2.wiki")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "bad.wiki:1:13: error FN001" in output, output
    assert output.count("info in 3 files") == 1  # one report for the run, with one summary
    _git(articles, env, "reset", "-q")
    done = _commit(articles, env, "good1.wiki", "good2.wiki")
    assert done.returncode == 0, done.stdout + done.stderr
    _write(articles, "drafts/d.wiki", EMPTY_REF)
    done = _commit(articles, env, "drafts/d.wiki")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "drafts/d.wiki" in _git(articles, env, "show", "--name-only", "HEAD").stdout


def test_the_fix_hook_repairs_a_fixable_article(setup) -> None:
    articles, env, config = setup
    _use_hook(articles, env, config, "wikilint-fix")
    _write(articles, "mixed.md", MIXED)
    first = _commit(articles, env, "mixed.md")
    assert first.returncode != 0 and "files were modified by this hook" in first.stdout + first.stderr
    assert (articles / "mixed.md").read_text(encoding="utf-8") == MIXED.replace("朝鲜", "朝鮮")
    second = _commit(articles, env, "mixed.md")
    assert second.returncode == 0, second.stdout + second.stderr
