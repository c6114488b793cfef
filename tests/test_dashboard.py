"""`wikilint report --html`: the dashboard page, read as HTML and loaded in a real headless browser
(Debian's chromium and chromium-driver, driven by Selenium)."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wikilint.cli import main
from wikilint.reporting import html as dashboard
from wikilint.reporting.diff import diff_reports

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

SCRIPT_INJECTION = "<script>window.__pwned = 1; alert(1)</script>"
ATTRIBUTE_INJECTION = '"><img src=x onerror="window.__pwned = 2; alert(2)">'
HOSTILE_NAME = 'x"><img src=x onerror=alert(3)>.md'  # a file name is article text too


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two runs over a corpus holding the seed and articles with markup that must never run; the
    second run's dashboard marks what changed since the first."""
    root = tmp_path_factory.mktemp("site")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.md")
    hostile = corpus / "hostile.md"
    hostile.write_text(f"# 測試\n\n正文提到[[{SCRIPT_INJECTION}]]的事。\n\n另一段[[{ATTRIBUTE_INJECTION}]]文字。\n",
                       encoding="utf-8")
    (corpus / HOSTILE_NAME).write_text("正文提到[[台灣]]。\n", encoding="utf-8")
    old = root / "old.json"
    assert main(["report", str(corpus), "-o", str(old), "-q"]) == 0
    hostile.write_text(hostile.read_text(encoding="utf-8") + "\n第三段。<ref></ref>\n", encoding="utf-8")
    (corpus / HOSTILE_NAME).write_text("正文提到台灣。\n", encoding="utf-8")  # its finding is fixed
    new, page = root / "out" / "new.json", root / "out" / "dashboard.html"
    assert main(["report", str(corpus), "-o", str(new), "--html", str(page), "--diff-from", str(old), "-q"]) == 0
    old_report = json.loads(old.read_text(encoding="utf-8"))
    report = json.loads(new.read_text(encoding="utf-8"))
    return {"page": page, "report": report, "changes": diff_reports(old_report, report), "corpus": corpus}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parsed(page: Path) -> Elements:
    elements = Elements()
    elements.feed(page.read_text(encoding="utf-8"))
    return elements


def test_article_text_is_escaped_everywhere(site: dict) -> None:
    page = parsed(site["page"])
    assert page.scripts == [dashboard._SCRIPT]  # the page's own script, nothing an article brought
    assert not [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    assert "img" not in {tag for tag, _ in page.tags}
    text = "".join(page.text)
    # shown as text, not dropped
    assert SCRIPT_INJECTION in text and ATTRIBUTE_INJECTION in text and HOSTILE_NAME in text


def test_page_is_self_contained(site: dict) -> None:
    page = parsed(site["page"])
    links = [attrs[name] for tag, attrs in page.tags for name in ("src", "href", "action") if name in attrs]
    assert links and all(link.startswith("#") for link in links)
    assert {tag for tag, _ in page.tags}.isdisjoint({"link", "iframe", "object", "embed", "base", "form"})
    policy = next(attrs["content"] for tag, attrs in page.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy


def test_dashboard_of_a_reproducible_report_is_byte_identical(tmp_path: Path) -> None:
    pages = [tmp_path / "1.html", tmp_path / "2.html"]
    for page in pages:
        assert main(["report", str(SEED), "--html", str(page), "--reproducible", "-q"]) == 0
    assert pages[0].read_bytes() == pages[1].read_bytes()


def test_diff_from_marks_new_and_fixed_findings(site: dict) -> None:
    changes = site["changes"]
    statuses = Counter(attrs.get("data-status") for tag, attrs in parsed(site["page"]).tags
                       if tag == "tr" and attrs.get("class") == "finding")
    assert statuses["new"] == len(changes.new) >= 1
    assert statuses["fixed"] == len(changes.fixed) >= 1
    assert statuses["unchanged"] == len(changes.unchanged) > 100


# -- in a real browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no headless browser here: the dashboard's browser tests need Debian's chromium and "
                    "chromium-driver (`apt-get install chromium chromium-driver`; .ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1500", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def shown_rows(driver) -> list:
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('tr.finding:not([hidden])'),"
        " function (r) { return [r.dataset.family, r.dataset.rule, r.dataset.severity, r.dataset.status]; });")


def choose(driver, key: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, f"filter-{key}")).select_by_value(value)


def test_dashboard_in_a_browser(site: dict, browser) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    report, changes = site["report"], site["changes"]
    summary = report["summary"]
    browser.get(site["page"].as_uri())
    assert browser.title.startswith("wikilint report:")

    # nothing an article holds ran, and nothing went wrong
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert browser.execute_script("return window.__pwned") is None
    assert [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1; alert(1)</script>" in body  # the injected text is shown as text

    # the counts shown are the report's
    def number(css: str) -> int:
        return int(browser.find_element(By.CSS_SELECTOR, css).text)

    assert number("#total-findings") == summary["findings"]
    assert number("#total-files") == summary["files"]
    for severity, count in summary["by_severity"].items():
        assert number(f'[data-severity-total="{severity}"]') == count
    for family, count in summary["by_family"].items():
        assert number(f'[data-family-total="{family}"]') == count
    bars = {g.get_attribute("data-rule-total"): int(g.get_attribute("data-count"))
            for g in browser.find_elements(By.CSS_SELECTOR, "svg.chart g[data-rule-total]")}
    assert bars == summary["by_rule"]
    drawn = {g.get_attribute("data-rule-total"): int(g.find_element(By.CSS_SELECTOR, "text.count").text)
             for g in browser.find_elements(By.CSS_SELECTOR, "svg.chart g[data-rule-total]")}
    assert drawn == summary["by_rule"]
    assert number("#total-new") == len(changes.new) and number("#total-fixed") == len(changes.fixed)
    assert number("#shown") == summary["findings"]

    # the filter
    choose(browser, "severity", "error")
    assert number("#shown") == summary["by_severity"]["error"]
    assert {severity for _, _, severity, _ in shown_rows(browser)} == {"error"}
    choose(browser, "family", "footnotes")
    expected = sum(1 for f in report["files"] for x in f["findings"] if x["severity"] == "error" and x["family"] == "footnotes")
    assert number("#shown") == expected > 0
    choose(browser, "severity", "")
    choose(browser, "family", "")
    choose(browser, "rule", "LK005")
    assert number("#shown") == summary["by_rule"]["LK005"]
    hidden_articles = browser.execute_script("return document.querySelectorAll('details.file[hidden]').length")
    assert hidden_articles >= 1  # articles with no LK005 are out of the way
    choose(browser, "rule", "")
    choose(browser, "status", "new")
    assert number("#shown") == len(changes.new)
    choose(browser, "status", "fixed")
    assert number("#shown") == 0 and number("#shown-fixed") == len(changes.fixed)
    choose(browser, "status", "")
    assert number("#shown") == summary["findings"]

    # a rule's doc: its summary on hover, the whole doc one click away
    seed_article = next(d for d in browser.find_elements(By.CSS_SELECTOR, "details.file")
                        if "seed.md " in d.find_element(By.TAG_NAME, "summary").text)
    if seed_article.get_attribute("open") is None:
        seed_article.find_element(By.TAG_NAME, "summary").click()
    link = seed_article.find_element(By.CSS_SELECTOR, 'a.rule[href="#rule-FN001"]')
    assert "empty-footnote" in link.get_attribute("title")
    link.click()
    doc = browser.find_element(By.ID, "rule-FN001")
    WebDriverWait(browser, 5).until(lambda _: doc.get_attribute("open") is not None)
    assert "Why is this bad?" in doc.text

    # a screenshot of the page as a maintainer sees it
    browser.execute_script("window.scrollTo(0, 0)")
    choose(browser, "family", "links")  # the filter at work, and the injected markup shown as text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height, 900), 2200))
    shot = SCREENSHOTS / "dashboard.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000
    assert [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []
    if os.environ.get("CI"):
        print(f"dashboard screenshot: {shot}")


def test_readme_dashboard_workflow_runs_as_written(tmp_path: Path) -> None:
    """The README's copy-paste commands, run in order in a folder with a corpus."""
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Dashboards: report, diff, HTML"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    commands = [line.split("  #")[0].strip() for block in blocks
                for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    assert len(commands) >= 5 and all(c.startswith("wikilint ") for c in commands)
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / "corpus" / "seed.md")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    trend = json.loads((tmp_path / "trend.json").read_text(encoding="utf-8"))
    assert trend["totals"]["new"] == trend["totals"]["fixed"] == 0 and trend["totals"]["unchanged"] > 100


def test_dashboard_of_a_clean_corpus_in_a_browser(tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    (tmp_path / "clean.wiki").write_text("正文。\n", encoding="utf-8")
    page = tmp_path / "clean.html"
    assert main(["report", str(tmp_path / "clean.wiki"), "--html", str(page), "-q"]) == 0
    browser.get(page.as_uri())
    assert browser.find_element(By.ID, "total-findings").text == "0"
    assert browser.find_element(By.ID, "shown").text == "0"
    assert "No findings." in browser.find_element(By.ID, "findings").text
    assert [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")] == []
