"""Import zh-wiki's common conversion groups (公共轉換組) into wikilint name tables.

    python -m wikilint.names_import import-cgroups DIR [--out rules/names] [--group NAME[=KIND]] … [--all]

``DIR`` holds one JSON file per group as formatted by the zhconv-rs project
(``{"name", "description", "path", "rules": [{"original", "conv"}, …]}``); each rule's ``conv`` is
the group's own text, such as ``zh-hans:特朗普;zh-tw:川普;zh-hk:特朗普;`` (two-way: each variant shows
its form) or ``凱利=>zh-tw:凱瑞;`` (one-way: the source form 凱利 shows as 凱瑞 in zh-tw).  Each group
becomes ``rules/names/cgroup-<name>.json``, valid against ``schemas/names.schema.json``: the forms
are zh-wiki's own, not guessed.

Without ``--group`` the person groups listed in ``PERSON_GROUPS`` are imported.  The text of
Wikipedia is CC BY-SA 4.0: every table records its source and licence, and
``rules/NOTICE-names.md`` carries the attribution.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from wikilint.engine.data import default_rules_dir

VARIANTS = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my")

#: the groups wikilint ships, and what their entries are (see schemas/names.schema.json)
PERSON_GROUPS: dict[str, str] = {
    "PresidentsUS": "person",
    "政治人物": "person",
    "PoliticiansUK": "person",
    "PoliticiansPT": "person",
    "US Senators": "person",
    "Entertainer": "person",
    "Composer": "person",
    "Artist": "person",
    "Nobel Prize": "person",
    "泰國人名": "person",
    "People": "name-part",
    "Popes": "name-part",
    "Korea": "term",
}

SOURCE = (
    "Chinese Wikipedia, {path}, as formatted into JSON by the zhconv-rs project "
    "(repository Gowee/zhconv-rs, folder data/cgroups, commit b13469d7c247c5ef87a83bcdf1d7d892f09e66da)"
)
LICENCE = "CC BY-SA 4.0 (text of Wikipedia); attribution in rules/NOTICE-names.md"

_TWO_WAY = re.compile(r"^(zh(?:-[a-z]{2,4})?)\s*[:=]\s*(.+)$")
_ONE_WAY = re.compile(r"^(.+?)\s*=>\s*(zh(?:-[a-z]{2,4})?)\s*:\s*(.+)$")
_BAD = re.compile(r"[;{}|=\n:]|-\{|\}-")


def _clean(text: str) -> str | None:
    text = text.strip().strip("\u200b").strip()
    if not text or _BAD.search(text) or len(text) > 60:
        return None
    return text


def parse_conv(conv: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``zh-hans:A;zh-tw:B;C=>zh-hk:D;`` → ``({"zh-hans": "A", "zh-tw": "B"}, {"C": {"zh-hk": "D"}})``.

    Pieces that are not rules (``|display=…``, ``}--{-|…`` leftovers, bare text) are dropped; for a
    variant given twice the first form wins, as it does on zh-wiki.
    """
    forms: dict[str, str] = {}
    aliases: dict[str, dict[str, str]] = {}
    for piece in conv.split(";"):
        piece = piece.strip()
        if not piece:
            continue
        one = _ONE_WAY.match(piece)
        if one:
            src, var, tgt = _clean(one.group(1)), one.group(2), _clean(one.group(3))
            if src and tgt and var in VARIANTS:
                aliases.setdefault(src, {}).setdefault(var, tgt)
            continue
        two = _TWO_WAY.match(piece)
        if two:
            var, form = two.group(1), _clean(two.group(2))
            if form and var in VARIANTS:
                forms.setdefault(var, form)
    return forms, aliases


_PARTICLES = frozenset("von van der den de da di du dos das del della la le y e bin binti al el ibn mac mc of".split())
_TERM_WORDS = frozenset(
    """agency department office ministry council committee court party prize award awards festival act bank
    house the secretary minister president chancellor general
    service services bureau commission parliament assembly government cabinet state states union university
    college school museum theatre theater film films pictures records studio studios show series band group
    team club league cup trophy order cross medal street square airport station city county province
    crown consort empress emperor royal duchy relations railways solicitor director
    prosecutions prosecutor officers whip mouser counsel road housing commonwealth reserve system
    security advisor adviser golf recordings artists""".split()
)
#: last characters of institutions and things, not of people's names
_TERM_END = frozenset("署局部會会院廳厅處处黨党報报社館馆獎奖節节展案團团隊队業业網网廠厂校議议庭法獄狱堂城鎮镇區区州省市縣县國国")


def looks_like_person(original: str | None, forms: dict[str, str]) -> bool:
    """Whether a rule of a person group names a person: an original written as a name
    (capitalised words, or a non-Latin script), and Chinese forms that do not end like an
    institution.  Offices, institutions and words in person groups become ``kind = "term"``."""
    if not original:
        return False
    original = re.sub(r"\([^)]*\)", " ", original)  # "Orbán, Viktor (Hungary)": a gloss, not the name
    if re.search(r"\d", original):
        return False
    words = re.findall(r"[^\W\d_][\w'’.\-]*", original)
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        return False  # CDC, FHM: acronyms of institutions
    for word in words:
        bare = word.strip(".'’-").lower()
        if bare in _TERM_WORDS:
            return False
        if word[0].islower() and bare not in _PARTICLES:
            return False
    for form in forms.values():
        if form and form[-1] in _TERM_END:
            return False
    return True


def _compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[v] == b[v] for v in a.keys() & b.keys())


def convert_group(group: dict, kind: str) -> dict:
    """One zhconv-rs group → one name table (a dict valid against names.schema.json)."""
    name = group["name"]
    entries: list[dict] = []
    by_original: dict[str, list[dict]] = {}
    for index, rule in enumerate(group.get("rules", [])):
        forms, aliases = parse_conv(rule.get("conv") or "")
        if not forms:
            # a rule made only of one-way conversions: the targets are the accepted forms
            for targets in aliases.values():
                for var, form in targets.items():
                    forms.setdefault(var, form)
        if not forms:
            continue
        original = (rule.get("original") or "").strip() or None
        alias_list = [{"form": src, "forms": dict(sorted(t.items()))} for src, t in aliases.items() if src not in forms.values() or set(t.values()) - {src}]
        merged = False
        for entry in by_original.get(original or "", []) if original else []:
            if _compatible(entry["forms"], forms):
                for var, form in forms.items():
                    entry["forms"].setdefault(var, form)
                known = {a["form"] for a in entry.get("aliases", [])}
                extra = [a for a in alias_list if a["form"] not in known]
                if extra:
                    entry.setdefault("aliases", []).extend(extra)
                merged = True
                break
        if merged:
            continue
        ident = f"{name}/{original}" if original else f"{name}/#{index}"
        if original and by_original.get(original):
            ident = f"{name}/{original}#{len(by_original[original]) + 1}"
        entry = {"id": ident}
        if original:
            entry["original"] = original
        if kind == "person" and not looks_like_person(original, forms):
            # person groups also carry offices, institutions and words (白宮辦公廳主任, crown → 王冠,
            # red carpet → 紅地毯): terms, not people
            entry["kind"] = "term"
        entry["forms"] = forms
        if alias_list:
            entry["aliases"] = alias_list
        entries.append(entry)
        if original:
            by_original.setdefault(original, []).append(entry)
    for entry in entries:
        entry["forms"] = {v: entry["forms"][v] for v in VARIANTS if v in entry["forms"]}
    return {
        "table": {
            "name": name,
            "kind": kind,
            "description": group.get("description") or "",
            "source": SOURCE.format(path=group.get("path") or f"Module:CGroup/{name}"),
            "licence": LICENCE,
            "cgroup": name,
        },
        "entries": entries,
    }


def table_filename(name: str) -> str:
    return "cgroup-" + re.sub(r"[\s/\\:]+", "-", name.strip()) + ".json"


def dump_table(table: dict) -> str:
    """JSON with one entry per line: small, and a change to one entry is a one-line diff."""
    head = json.dumps(table["table"], ensure_ascii=False)
    lines = [json.dumps(entry, ensure_ascii=False) for entry in table["entries"]]
    body = ",\n  ".join(lines)
    return '{"table": ' + head + ',\n "entries": [\n  ' + body + "\n ]\n}\n"


def import_cgroups(src: Path, out: Path, groups: dict[str, str]) -> list[tuple[Path, int]]:
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for name, kind in groups.items():
        path = src / f"{name}.json"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such conversion group")
        with path.open(encoding="utf-8") as fh:
            group = json.load(fh)
        table = convert_group(group, kind)
        target = out / table_filename(table["table"]["name"])
        text = dump_table(table)
        target.write_text(text, encoding="utf-8")
        written.append((target, len(table["entries"])))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wikilint names", description="Maintain wikilint's name tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import-cgroups", help="turn zh-wiki conversion groups (zhconv-rs JSON) into rules/names tables")
    imp.add_argument("dir", type=Path, help="folder of <group>.json files")
    imp.add_argument("--out", type=Path, default=default_rules_dir() / "names", help="where to write the tables (default: the packaged rules/names)")
    imp.add_argument("--group", action="append", default=[], metavar="NAME[=KIND]", help="a group to import (repeatable); KIND is person, name-part or term (default person)")
    imp.add_argument("--all", action="store_true", help="import every group in DIR (as kind term unless listed in the defaults)")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("import-cgroups", "-h", "--help"):
        # ``wikilint names import-cgroups DIR`` hands over what follows the subcommand
        argv = ["import-cgroups", *argv]
    args = parser.parse_args(argv)

    if args.group:
        groups = {}
        for spec in args.group:
            name, _, kind = spec.partition("=")
            groups[name] = kind or PERSON_GROUPS.get(name, "person")
    elif args.all:
        groups = {p.stem: PERSON_GROUPS.get(p.stem, "term") for p in sorted(args.dir.glob("*.json"))}
    else:
        groups = dict(PERSON_GROUPS)
    try:
        written = import_cgroups(args.dir, args.out, groups)
    except (OSError, ValueError) as exc:
        print(f"wikilint names import-cgroups: {exc}", file=sys.stderr)
        return 1
    for path, count in written:
        print(f"{path}: {count} entries")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
