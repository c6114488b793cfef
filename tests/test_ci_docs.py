"""docs/ci.md and the README's "In CI" section: the copy-paste set-ups parse, use options wikilint has,
agree with each other, and the list of article-wide rules matches the rules."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from wikilint.cli import _parser
from wikilint.engine.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
CI_DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.S)


def _commands(block: dict | list | str) -> list[str]:
    """Every shell line of a CI file that runs wikilint."""
    if isinstance(block, dict):
        return [c for v in block.values() for c in _commands(v)]
    if isinstance(block, list):
        return [c for v in block for c in _commands(v)]
    return [block] if isinstance(block, str) and block.strip().startswith("wikilint ") else []


def test_the_copy_paste_set_ups_parse_and_use_real_options() -> None:
    blocks = [yaml.safe_load(b) for b in _yaml_blocks(CI_DOC)]
    github, gitlab, precommit = blocks[:3]
    assert github["jobs"]["wikilint"]["steps"] and gitlab["wikilint"]["artifacts"]["reports"]["codequality"]
    assert {h["id"] for h in precommit["repos"][0]["hooks"]} == {"wikilint"}
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"wikilint", "wikilint-fix"} and all(h["require_serial"] for h in hooks)
    commands = _commands(github) + _commands(gitlab)
    assert len(commands) == 2
    for command in commands:
        plain = re.sub(r'"\$\((?:[^()]|\([^()]*\))*\)"', "HEAD", command)  # $(git merge-base …) → a revision
        args = _parser().parse_args(shlex.split(plain)[1:])
        assert args.command == "check" and args.changed_since == "HEAD" and args.only_changed_lines
        assert args.output_file and len(args.format) == 2
    sarif_step = github["jobs"]["wikilint"]["steps"][-1]
    assert sarif_step["with"]["sarif_file"] in commands[0]
    assert gitlab["wikilint"]["artifacts"]["reports"]["codequality"] in commands[1]


def test_the_readme_shows_the_same_set_ups() -> None:
    section = README.split("## In CI", 1)[1].split("\n## ", 1)[0]
    assert _yaml_blocks(section)[:2] == _yaml_blocks(CI_DOC)[:2]
    assert "docs/ci.md" in section


def test_the_article_wide_rules_listed_are_the_rules_flagged() -> None:
    listed = re.search(r"Article-wide rules: (.*?)\.\n", CI_DOC, re.S)
    assert listed
    codes = re.findall(r"`([A-Z]{2}\d{3})`", listed.group(1))
    assert codes == sorted(codes) and set(codes) == {r.code for r in all_rules() if r.article_wide}
