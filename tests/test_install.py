"""wikilint installed the ways people install it finds its rule data and schemas.

The package is built from a copy of this checkout (sdist, then a wheel from the sdist, as a build
front-end does), installed with ``--target``, ``--user``, as a zip application and as an editable
install, and each install checks the seed article: the name rules (NM001, NM002) fire only when the
name tables in ``rules/names`` were found, and a configuration file needs ``schemas/``.
The runs share one fresh on-disk cache: its entries are keyed by the digest of the table files an
install found, so a hit still needs the install's own tables (an install without them finds none).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, SEED

DEPENDENCIES = sysconfig.get_paths()["purelib"]  # mwparserfromhell, opencc, jsonschema … of this environment
NAME_RULES = {"NM001", "NM002"}

# wikilint run as `python -m wikilint`, with this environment's dependencies last on sys.path
RUN = """
import runpy, sys
{prelude}
sys.path.append({deps!r})
import wikilint.paths
print("RESOURCES", wikilint.paths.packaged("rules"), file=sys.stderr)
runpy.run_module("wikilint", run_name="__main__", alter_sys=True)
"""


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _pip(*args: str, python: str = sys.executable, cwd: Path, env: dict[str, str] | None = None) -> None:
    _run([python, "-m", "pip", "--disable-pip-version-check", "-q", *args], cwd, env)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("install")


@pytest.fixture(scope="module")
def source(work: Path) -> Path:
    """The project as a clean clone has it (symbolic links kept), without environments or builds."""
    copy = work / "src"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
        "tests", "seeds", "scripts", "docs"))
    return copy


@pytest.fixture(scope="module")
def wheel(source: Path, work: Path) -> Path:
    dist = work / "dist"
    build = "from setuptools import build_meta; import sys; print(build_meta.build_sdist(sys.argv[1]))"
    sdist = dist / _run([sys.executable, "-c", build, str(dist)], source).stdout.split()[-1]
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(sdist), cwd=work)
    (built,) = dist.glob("wikilint-*.whl")
    return built


def _check(python: str, cwd: Path, first: Path | None = None, prelude: str = "", flags: tuple[str, ...] = (),
           env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The rules that fire on the seed (with a wikilint.toml that ignores LK005), and where the run found ``rules/``."""
    article = cwd / "article.txt"
    shutil.copy(SEED, article)
    (cwd / "wikilint.toml").write_text('ignore = ["LK005"]\n', encoding="utf-8")
    if first is not None:
        prelude = f"sys.path.insert(0, {str(first)!r})\n{prelude}"
    code = RUN.format(prelude=prelude, deps=DEPENDENCIES)
    proc = subprocess.run([python, *flags, "-c", code, "check", "--format", "json", str(article)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "WIKILINT_CACHE_DIR": str(cwd.parent / "cache"), **(env or {})})
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    resources = next(line for line in proc.stderr.splitlines() if line.startswith("RESOURCES ")).split(" ", 1)[1]
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert "LK005" not in rules  # the configuration was read and validated against schemas/
    return rules, resources


def test_the_wheel_carries_the_data_inside_the_package(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "wikilint/resources/schemas/report.schema.json" in names
    assert "wikilint/resources/rules/names/known-wrong.toml" in names
    assert not [n for n in names if ".data/" in n], "nothing is installed outside the package"
    shipped = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()}
    assert {n.split("wikilint/resources/rules/", 1)[1] for n in names if n.startswith("wikilint/resources/rules/")} == shipped


def test_a_target_install_finds_the_name_tables_and_the_schemas(wheel: Path, work: Path) -> None:
    target = work / "target"
    _pip("install", "--no-deps", "--target", str(target), str(wheel), cwd=work)
    run = work / "run-target"
    run.mkdir()
    rules, resources = _check(sys.executable, run, first=target)
    assert NAME_RULES <= rules
    assert Path(resources).is_relative_to(target)


def test_a_zip_application_finds_its_data_inside_the_zip(wheel: Path, work: Path) -> None:
    staged = work / "staged"
    _pip("install", "--no-deps", "--target", str(staged), str(wheel), cwd=work)
    app = work / "wikilint.pyz"
    _run([sys.executable, "-m", "zipapp", str(staged), "-o", str(app), "-m", "wikilint.cli:main"], work)
    run = work / "run-zip"
    run.mkdir()
    rules, resources = _check(sys.executable, run, first=app)
    assert NAME_RULES <= rules
    assert resources.startswith(str(app) + os.sep)


def test_a_user_install_finds_the_name_tables(wheel: Path, work: Path) -> None:
    base = getattr(sys, "_base_executable", sys.executable)  # a virtual environment refuses --user
    if subprocess.run([base, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip("the base interpreter has no pip")
    user = work / "userbase"
    env = {"PYTHONUSERBASE": str(user)}
    _pip("install", "--no-deps", "--no-warn-script-location", "--user", str(wheel), python=base, cwd=work, env=env)
    run = work / "run-user"
    run.mkdir()
    rules, resources = _check(base, run, env={"PYTHONUSERBASE": str(user)})
    assert NAME_RULES <= rules
    assert Path(resources).is_relative_to(user)


def test_an_editable_install_reads_the_repository_sources(source: Path, work: Path) -> None:
    # the editable wheel pip would build (PEP 660), installed with --target: `pip install -e` with
    # --prefix would first uninstall this environment's own wikilint
    wheels = work / "editable-wheel"
    build = "from setuptools import build_meta; import sys; print(build_meta.build_editable(sys.argv[1]))"
    editable = wheels / _run([sys.executable, "-c", build, str(wheels)], source).stdout.split()[-1]
    site = work / "editable"
    _pip("install", "--no-deps", "--target", str(site), str(editable), cwd=work)
    run = work / "run-editable"
    run.mkdir()
    # -S: this environment's own editable install of the checkout must not answer; the new one's .pth does
    rules, resources = _check(sys.executable, run, prelude=f"import site; site.addsitedir({str(site)!r})", flags=("-S",))
    assert NAME_RULES <= rules
    # the package's folder is the one the repository's top-level rules/ points to: one copy, edited in place
    assert Path(resources).resolve() == (source / "rules").resolve() == source / "wikilint" / "resources" / "rules"


def test_dependencies_are_ranges_and_the_tested_set_satisfies_them() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]]
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[canonicalize_name(name)] = version.strip()
    for requirement in wanted:
        assert not any(spec.operator in ("==", "===") for spec in requirement.specifier), f"{requirement} is an exact pin"
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is missing from constraints.txt"
        assert requirement.specifier.contains(version, prereleases=True), f"constraints.txt's {version} is outside {requirement}"
