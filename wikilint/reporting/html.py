"""``wikilint report --html FILE``: one self-contained page over a JSON report.

The page loads nothing (no network, no fonts, no CDN) and works from ``file://``.  Everything an
article contributes (paths, messages, excerpts) is escaped by ``html.escape`` where it is written,
and a Content-Security-Policy admits only this module's own style and script, by hash: markup
hidden in an article cannot run even if an escape were missed.  The script only filters rows;
the page reads fine without it.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from html import escape
from typing import Iterable, Mapping

from wikilint.reporting.diff import ReportDiff

SEVERITIES = ("error", "warning", "info")
TOP_ARTICLES = 15
OPEN_ALL_UP_TO = 3  # a report of a few articles opens them all

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#24324a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}.meta{margin:4px 0 0;color:#c9d2e3;font-size:12px}
main{padding:16px 24px;max-width:1280px}section{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 10px}.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{border:1px solid #dde1e8;border-radius:6px;padding:8px 14px;min-width:92px}.card .n{display:block;font-size:22px;font-weight:600}
.card.error .n,.sev-error{color:#b42318}.card.warning .n,.sev-warning{color:#b54708}.card.info .n,.sev-info{color:#175cd3}
.card.new .n{color:#b42318}.card.fixed .n{color:#067647}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#475467}.num{text-align:right;font-variant-numeric:tabular-nums}
.chart text{font-size:11px;fill:#344054}.chart .count{fill:#475467}
.bar.links{fill:#2e90fa}.bar.footnotes{fill:#12b76a}.bar.script{fill:#f79009}.bar.names{fill:#7a5af8}.bar.dates{fill:#ee46bc}
.bar.input,.bar.engine{fill:#98a2b3}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin-bottom:10px}select{font:inherit;padding:2px 4px}
details.file{border-top:1px solid #eef0f3;padding:4px 0}details.file>summary{cursor:pointer;font-weight:600}
details.file>summary .counts{font-weight:400;color:#475467;margin-left:8px}
code.excerpt{display:block;white-space:pre-wrap;word-break:break-all;background:#f2f4f7;border-radius:4px;padding:2px 6px;margin-top:2px;font-size:12px}
tr.finding[data-status=new] td:first-child{border-left:4px solid #b42318}tr.finding[data-status=fixed]{color:#667085}
tr.finding[data-status=fixed] .message{text-decoration:line-through}
.status{font-size:11px;border-radius:8px;padding:0 6px;color:#fff}.status.new{background:#b42318}.status.fixed{background:#067647}
a.rule{font-family:ui-monospace,monospace;color:#1d2330}details.rule pre{white-space:pre-wrap;background:#f9fafb;padding:8px;font-size:12px}
details.rule>summary{cursor:pointer}.empty{color:#667085}
"""

_SCRIPT = """
(function () {
  "use strict";
  var keys = ["family", "rule", "severity", "status"];
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var files = Array.prototype.slice.call(document.querySelectorAll("details.file"));
  var selects = {};
  keys.forEach(function (k) { selects[k] = document.getElementById("filter-" + k); });
  function apply() {
    var want = {}, active = false;
    keys.forEach(function (k) { want[k] = selects[k] ? selects[k].value : ""; active = active || !!want[k]; });
    var shown = 0, fixed = 0;
    rows.forEach(function (row) {
      var ok = keys.every(function (k) { return !want[k] || row.dataset[k] === want[k]; });
      row.hidden = !ok;
      if (ok) { if (row.dataset.status === "fixed") { fixed += 1; } else { shown += 1; } }
    });
    files.forEach(function (file) {
      var visible = file.querySelectorAll("tr.finding:not([hidden])").length;
      file.hidden = active && visible === 0;
      file.querySelector(".shown").textContent = active ? visible + " shown" : "";
    });
    document.getElementById("shown").textContent = String(shown);
    var fixedOut = document.getElementById("shown-fixed");
    if (fixedOut) { fixedOut.textContent = String(fixed); }
  }
  keys.forEach(function (k) { if (selects[k]) { selects[k].addEventListener("change", apply); } });
  function openRule() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.rule");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) { target.open = true; }
  });
  window.addEventListener("hashchange", openRule);
  openRule();
  apply();
}());
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def rule_docs() -> dict[str, tuple[str, str]]:
    """Every rule's summary and doc, by code, the engine's own findings included."""
    from wikilint.engine.registry import all_rules
    from wikilint.engine.runner import SYSTEM_RULES

    docs = {r.code: (r.summary(), r.doc()) for r in all_rules()}
    docs.update((s.code, (s.summary, s.summary)) for s in SYSTEM_RULES)
    return docs


def _rows(report: dict, changes: ReportDiff | None) -> dict[str, list[tuple[str, dict]]]:
    """Each article's findings with their status (``""`` without a diff), fixed ones included."""
    new = {f["fingerprint"] for f in changes.new} if changes else set()
    by_path: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for file in report["files"]:
        by_path[file["path"]]  # an article without findings still has its place
        for finding in file["findings"]:
            status = ("new" if finding.get("fingerprint") in new else "unchanged") if changes else ""
            by_path[file["path"]].append((status, finding))
    for finding in changes.fixed if changes else ():
        by_path[finding["path"]].append(("fixed", finding))
    return dict(sorted(by_path.items()))


def _cards(report: dict, changes: ReportDiff | None) -> str:
    summary = report["summary"]
    parts = [f'<div class="card"><span class="n" id="total-findings">{summary["findings"]}</span>findings</div>',
             f'<div class="card"><span class="n" id="total-files">{summary["files"]}</span>files</div>']
    for severity in SEVERITIES:
        parts.append(f'<div class="card {severity}"><span class="n" data-severity-total="{severity}">'
                     f'{summary["by_severity"][severity]}</span>{severity}</div>')
    if changes is not None:
        parts.append(f'<div class="card new"><span class="n" id="total-new">{len(changes.new)}</span>new</div>')
        parts.append(f'<div class="card fixed"><span class="n" id="total-fixed">{len(changes.fixed)}</span>fixed</div>')
    families = "".join(f'<tr><td>{_e(family)}</td><td class="num" data-family-total="{_e(family)}">{count}</td></tr>'
                       for family, count in summary["by_family"].items())
    table = (f'<table class="families"><tr><th>family</th><th class="num">findings</th></tr>{families}</table>'
             if families else '<p class="empty">No findings.</p>')
    return f'<section id="totals"><h2>Totals</h2><div class="cards">{"".join(parts)}</div>{table}</section>'


def _chart(report: dict, families: Mapping[str, str]) -> str:
    by_rule = sorted(report["summary"]["by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))
    if not by_rule:
        return '<section id="chart"><h2>Findings per rule</h2><p class="empty">No findings.</p></section>'
    most, bar_height, gap, label, width = by_rule[0][1], 16, 4, 64, 560
    height = len(by_rule) * (bar_height + gap)
    bars = []
    for i, (rule, count) in enumerate(by_rule):
        y = i * (bar_height + gap)
        length = max(1, round(width * count / most))
        bars.append(
            f'<g data-rule-total="{_e(rule)}" data-count="{count}"><title>{_e(rule)}: {count}</title>'
            f'<text x="0" y="{y + 12}">{_e(rule)}</text>'
            f'<rect class="bar {_e(families.get(rule, ""))}" x="{label}" y="{y}" width="{length}" height="{bar_height}"/>'
            f'<text class="count" x="{label + length + 6}" y="{y + 12}">{count}</text></g>')
    return (f'<section id="chart"><h2>Findings per rule</h2><svg class="chart" role="img" aria-label="findings per rule" '
            f'width="100%" viewBox="0 0 {label + width + 60} {height}" preserveAspectRatio="xMinYMin meet" '
            f'height="{height}">{"".join(bars)}</svg></section>')


def _top(report: dict, anchors: Mapping[str, str]) -> str:
    ranked = sorted(((count, path) for path, count in report["summary"]["by_file"].items() if count),
                    key=lambda cp: (-cp[0], cp[1]))[:TOP_ARTICLES]
    if not ranked:
        return ""
    by_path = {f["path"]: f["counts"]["by_severity"] for f in report["files"] if "counts" in f}
    rows = "".join(
        f'<tr><td><a href="#{anchors[path]}">{_e(path)}</a></td><td class="num">{count}</td>'
        + "".join(f'<td class="num sev-{s}">{by_path.get(path, {}).get(s, 0)}</td>' for s in SEVERITIES) + "</tr>"
        for count, path in ranked)
    head = "".join(f'<th class="num">{s}</th>' for s in SEVERITIES)
    return (f'<section id="top"><h2>Articles with the most findings</h2><table><tr><th>article</th>'
            f'<th class="num">findings</th>{head}</tr>{rows}</table></section>')


def _select(key: str, values: Iterable[str]) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return f'<label>{key} <select id="filter-{key}"><option value="">all</option>{options}</select></label>'


def _finding_row(status: str, f: dict, docs: Mapping[str, tuple[str, str]]) -> str:
    start = f["range"]["start"]
    badge = f' <span class="status {status}">{status}</span>' if status in ("new", "fixed") else ""
    summary = docs.get(f["rule"], ("", ""))[0]
    status_attr = f' data-status="{status}"' if status else ""
    return (f'<tr class="finding" data-family="{_e(f["family"])}" data-rule="{_e(f["rule"])}" '
            f'data-severity="{_e(f["severity"])}"{status_attr}>'
            f'<td class="num">{start["line"]}:{start["column"]}</td><td class="sev-{_e(f["severity"])}">{_e(f["severity"])}</td>'
            f'<td><a class="rule" href="#rule-{_e(f["rule"])}" title="{_e(f["name"])}: {_e(summary)}">{_e(f["rule"])}</a></td>'
            f'<td><span class="message">{_e(f["message"])}</span>{badge}'
            f'<code class="excerpt">{_e(f["excerpt"])}</code></td></tr>')


def _articles(report: dict, rows: Mapping[str, list[tuple[str, dict]]], anchors: Mapping[str, str],
              docs: Mapping[str, tuple[str, str]], changes: ReportDiff | None) -> str:
    findings = [f for entries in rows.values() for _, f in entries]
    selects = [_select("family", sorted({f["family"] for f in findings})),
               _select("rule", sorted({f["rule"] for f in findings})),
               _select("severity", [s for s in SEVERITIES if any(f["severity"] == s for f in findings)])]
    if changes is not None:
        selects.append(_select("status", ("new", "unchanged", "fixed")))
    fixed = ' · <output id="shown-fixed">0</output> fixed shown' if changes is not None else ""
    counter = f'<span><output id="shown">{report["summary"]["findings"]}</output> of {report["summary"]["findings"]} findings shown{fixed}</span>'
    opened = " open" if len(rows) <= OPEN_ALL_UP_TO else ""
    parts = []
    for path, entries in rows.items():
        if not entries:
            continue
        severities = Counter(f["severity"] for status, f in entries if status != "fixed")
        current = sum(severities.values())
        counts = ", ".join(f"{severities[s]} {s}" for s in SEVERITIES if severities[s])
        body = "".join(_finding_row(status, f, docs) for status, f in
                       sorted(entries, key=lambda sf: (sf[1]["range"]["start"]["offset"], sf[1]["rule"], sf[0])))
        parts.append(f'<details class="file" id="{anchors[path]}"{opened}><summary>{_e(path)} '
                     f'<span class="counts"><span data-file-total="{current}">{current}</span> findings'
                     f'{" (" + counts + ")" if counts else ""} <span class="shown"></span></span></summary>'
                     f'<table><tr><th class="num">line:col</th><th>severity</th><th>rule</th><th>message and excerpt</th></tr>'
                     f'{body}</table></details>')
    articles = "".join(parts) or '<p class="empty">No findings.</p>'
    return (f'<section id="findings"><h2>Findings by article</h2><div class="filters">{"".join(selects)}{counter}</div>'
            f'{articles}</section>')


def _rules(report: dict, docs: Mapping[str, tuple[str, str]], codes: Iterable[str]) -> str:
    names = {r["code"]: r for r in report.get("settings", {}).get("rules", ())}
    parts = []
    for code in sorted(set(codes)):
        summary, doc = docs.get(code, ("", ""))
        rule = names.get(code, {})
        label = f'{_e(code)} {_e(rule.get("name", ""))}'.strip()
        parts.append(f'<details class="rule" id="rule-{_e(code)}"><summary>{label}: {_e(summary)}</summary>'
                     f'<pre>{_e(doc)}</pre></details>')
    return f'<section id="rules"><h2>Rules found in this report</h2>{"".join(parts)}</section>' if parts else ""


def _meta(report: dict) -> str:
    settings = report.get("settings", {})
    bits = [f'wikilint {_e(report["tool"]["version"])}', f'report schema {_e(report.get("schema_version", "?"))}',
            f'{settings.get("inputs", report["summary"]["files"])} inputs', f'{len(settings.get("rules", ()))} rules']
    run = report.get("run")
    if run:
        bits.append(f'made {_e(run["started_at"])} in {run["duration_seconds"]:.1f} s')
        revision = run.get("source_revision")
        if revision:
            bits.append(f'revision {_e(revision["commit"][:12])}{" (with local changes)" if revision["dirty"] else ""}')
    if not settings.get("existence_checked", True):
        bits.append("link targets not checked")
    return " · ".join(bits)


def render_dashboard(report: dict, changes: ReportDiff | None = None,
                     docs: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The dashboard page for ``report``; ``changes`` (a diff against an older report) marks new and
    fixed findings."""
    docs = rule_docs() if docs is None else docs
    rows = _rows(report, changes)
    anchors = {path: f"article-{i}" for i, path in enumerate(rows)}
    families = {f["rule"]: f["family"] for entries in rows.values() for _, f in entries}
    policy = (f"default-src 'none'; style-src {_hash(_STYLE)}; script-src {_hash(_SCRIPT)}; "
              "img-src 'none'; base-uri 'none'; form-action 'none'")
    summary = report["summary"]
    title = f'wikilint report: {summary["findings"]} findings in {summary["files"]} files'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>'
        f'<header><h1>{_e(title)}</h1><p class="meta">{_meta(report)}</p></header><main>'
        + _cards(report, changes) + _chart(report, families) + _top(report, anchors)
        + _articles(report, rows, anchors, docs, changes) + _rules(report, docs, families)
        + f'</main><script>{_SCRIPT}</script></body></html>\n'
    )
