"""wikilint on Spark: lint a DataFrame of pages on a cluster, or a whole dump with ``spark-submit``.

    from wikilint.spark import lint_pages
    findings = lint_pages(spark.createDataFrame([("甲", "'''甲'''是…")], ["title", "text"]))

``lint_pages`` takes a DataFrame with the columns ``title`` and ``text`` (and optionally ``format``,
``wikitext`` or ``markdown``; detected from the text when absent or null) and returns a DataFrame
of findings, one row each, with the JSON report's fields (``path`` is the page's title).  Each
partition builds the rules and loads the rule data once, on the executor that lints it.

The entry point lints a dump and writes the same report as ``wikilint report DUMP``:

    spark-submit --master 'local[*]' "$(python -c 'import wikilint.spark as s; print(s.__file__)')" \\
        zhwiki-pages-articles.xml.bz2 -o report.json

The driver streams the dump's pages into JSON Lines under ``--stage`` (a folder every executor can
read: on a cluster, shared storage), Spark lints them, and the driver writes the report.
Install with ``pip install 'wikilint[spark]'``; Spark needs Java (Debian: ``default-jre-headless``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from wikilint.config import Config

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

_POSITION = "struct<line:int,column:int,offset:int>"
_RANGE = f"struct<start:{_POSITION},end:{_POSITION}>"
FINDING_SCHEMA = (
    "path string, format string, rule string, name string, family string, severity string, message string, "
    f"range {_RANGE}, excerpt string, fingerprint string, related array<{_RANGE}>, related_more int, "
    "fix struct<title:string,safe:boolean,edits:array<struct<start:int,end:int,replacement:string>>>"
)
FIELDS = ("rule", "name", "family", "severity", "message", "range", "excerpt", "fingerprint", "related", "related_more",
          "fix")


def _lint_partition(rows: Iterable, config: Config, select: Sequence[str] | None, titles: str | None) -> Iterator[tuple]:
    from wikilint.engine.runner import check_text, make_context, rules_for

    rules = rules_for(config, select)
    ctx = make_context(config, titles)
    for row in rows:
        fields = row.asDict()
        result = check_text(fields["text"] or "", fields["title"], rules, ctx, config, fields.get("format"))
        for finding in result.findings:
            d = finding.as_dict()
            yield (result.path, result.format, *(d.get(k) for k in FIELDS))


def lint_pages(df: "DataFrame", select: Sequence[str] | None = None, config: Config | None = None,
               titles: str | None = None) -> "DataFrame":
    """The findings of every page of ``df`` (columns ``title``, ``text`` and optionally ``format``)."""
    config = config or Config()
    select = list(select) if select else None
    rows = df.rdd.mapPartitions(lambda part: _lint_partition(part, config, select, titles))
    return df.sparkSession.createDataFrame(rows, FINDING_SCHEMA)


def finding_dicts(findings: "DataFrame") -> dict[str, list[dict]]:
    """Collect a findings DataFrame on the driver: per path, the report's finding objects in report order."""
    return {path: items for path, (_, items) in collect_files(findings).items()}


def collect_files(findings: "DataFrame") -> dict[str, tuple[str | None, list[dict]]]:
    """Per path, the format it was read in and its findings as the report's objects, in report order."""
    out: dict[str, tuple[str | None, list[dict]]] = {}
    for row in findings.collect():
        d = row.asDict(recursive=True)
        finding = {k: d[k] for k in FIELDS if d[k] is not None and (k not in ("related", "related_more") or d[k])}
        out.setdefault(d["path"], (d["format"], []))[1].append(finding)
    for _, items in out.values():
        items.sort(key=lambda f: (f["range"]["start"]["offset"], f["range"]["end"]["offset"], f["rule"], f["message"]))
    return out


def session(master: str | None = None, name: str = "wikilint") -> "SparkSession":
    """A Spark session whose Python workers run this interpreter (where wikilint is installed)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(name).config("spark.ui.enabled", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def lint_dump(spark: "SparkSession", dumps: Sequence[str], stage: str, namespaces: Sequence[int] = (0,),
              select: Sequence[str] | None = None, config: Config | None = None, titles: str | None = None,
              partitions: int | None = None) -> dict:
    """The JSON report of ``dumps`` (as ``wikilint report`` writes it), linted by Spark."""
    from wikilint.engine.runner import rules_for
    from wikilint.formats.dump import iter_pages
    from wikilint.reporting.json import report_from_files, report_header

    config = config or Config()
    os.makedirs(stage, exist_ok=True)
    staged = os.path.join(stage, "pages.jsonl")
    paths: list[str] = []
    with open(staged, "w", encoding="utf-8") as out:  # one page at a time: the driver's memory stays flat
        for dump in dumps:
            for page in iter_pages(dump, namespaces):
                paths.append(page.path)
                out.write(json.dumps({"title": page.path, "text": page.text, "format": "wikitext"}, ensure_ascii=False) + "\n")
    try:
        df = spark.read.schema("title string, text string, format string").json(staged)
        if partitions:
            df = df.repartition(partitions)
        found = collect_files(lint_pages(df, select, config, titles))
    finally:
        os.remove(staged)
    files = [{"path": p, "format": found[p][0], "findings": found[p][1]} if p in found else
             {"path": p, "format": "wikitext", "findings": []} for p in paths]
    header = report_header(rules_for(config, select), titles is not None or bool(config.titles), None, len(dumps))
    return report_from_files(header, files)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wikilint.spark", description="Lint MediaWiki dumps on Spark and write the JSON report.")
    parser.add_argument("dumps", nargs="+", help="pages-articles.xml[.bz2|.gz]")
    parser.add_argument("-o", "--output", required=True, help="the report to write")
    parser.add_argument("--stage", help="folder for the staged pages, readable by every executor (default: next to the output)")
    parser.add_argument("--select", action="append", help="rules to run (code, prefix, name or family)")
    parser.add_argument("--namespace", action="append", help="namespace numbers (default 0)")
    parser.add_argument("--titles", help="title index for link existence")
    parser.add_argument("--master", help="Spark master when not set by spark-submit (e.g. local[2])")
    parser.add_argument("--partitions", type=int, help="lint in this many partitions")
    args = parser.parse_args(argv)
    from wikilint.reporting.json import dumps as dump_json, validate_report

    select = [s for v in args.select or () for s in v.split(",") if s.strip()] or None
    namespaces = tuple(int(n) for v in args.namespace or ("0",) for n in v.split(",") if n.strip())
    stage = args.stage or os.path.join(os.path.dirname(os.path.abspath(args.output)), ".wikilint-stage")
    spark = session(args.master)
    try:
        report = lint_dump(spark, args.dumps, stage, namespaces, select, Config(), args.titles, args.partitions)
    finally:
        spark.stop()
    validate_report(report)
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(dump_json(report))
    s = report["summary"]
    print(f"wrote {args.output}: {s['files']} files, {s['findings']} findings", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - run by spark-submit
    sys.exit(main())
