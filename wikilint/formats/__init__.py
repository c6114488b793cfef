"""Front-ends: turn an article's text into the one Document model.

The format is chosen by extension (.wiki/.wikitext/.mediawiki → wikitext, .md/.markdown →
markdown) and by content for anything else, such as the exported .txt files.
"""

from __future__ import annotations

import re

from wikilint.document.model import Document

WIKITEXT_SUFFIXES = (".wiki", ".wikitext", ".mediawiki")
MARKDOWN_SUFFIXES = (".md", ".markdown")
FORMATS = ("wikitext", "markdown")

_MARKDOWN_SIGNS = re.compile(r'\]\((?:\.\./Page/|https?://)[^)\n]*"wikilink"\)|\\\[\d+\\\]|^#{1,6} \S', re.M)
_WIKITEXT_SIGNS = re.compile(r"\[\[[^\]\n]+\]\]|\{\{[^}\n]+\}\}|<ref[ >/]|^=+[^=\n]+=+\s*$|'''", re.M)


def detect_format(text: str, path: str = "") -> str:
    lower = path.lower()
    if lower.endswith(WIKITEXT_SUFFIXES):
        return "wikitext"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    sample = line_ends_as_lf(text[:200_000])
    markdown_score = len(_MARKDOWN_SIGNS.findall(sample))
    wikitext_score = len(_WIKITEXT_SIGNS.findall(sample))
    return "wikitext" if wikitext_score > markdown_score else "markdown"


_LONE_CR = re.compile(r"\r(?!\n)")


def line_ends_as_lf(text: str) -> str:
    """The text with each lone ``\r`` (old Mac line ends) as ``\n``.  One character for one, so
    every offset stays valid in the original text: rules and fixes work on this text, the fixer
    applies the edits to the original, whose line ends are kept."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def parse(text: str, path: str = "<text>", input_format: str | None = None) -> Document:
    text = line_ends_as_lf(text)
    fmt = input_format or detect_format(text, path)
    if fmt == "wikitext":
        from wikilint.formats.wikitext import parse_wikitext

        return parse_wikitext(text, path)
    if fmt == "markdown":
        from wikilint.formats.markdown import parse_markdown

        return parse_markdown(text, path)
    raise ValueError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")
