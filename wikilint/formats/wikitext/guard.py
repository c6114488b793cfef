"""Parsing with a guard: mwparserfromhell's parse, piece by piece where the whole would be
quadratic or overflow the stack."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Comment, HTMLEntity, Text
from mwparserfromhell.wikicode import Wikicode

from wikilint.document.model import Span
from wikilint.formats.wikitext.build import parse
from wikilint.formats.wikitext.vocabulary import _REF_CLOSE


#: more unclosed openers of one kind than this and mwparserfromhell is not given the text at all:
#: its tokenizer backtracks on every unclosed ``{{a|``, ``<ref>``, ``<div>``, ``[http…`` and takes
#: time quadratic in their number (8000 × ``{{a|``: 15 s; 30000 × ``<ref>``: 25 s).  No article
#: leaves a hundred of them open in one paragraph.
MAX_UNCLOSED = 100

_VOID_TAGS = "br|hr|wbr|img|references|ref|source|meta|link|col|area|base|input|param|track|embed"
_HTML_OPEN = re.compile(r"<(?!(?:%s)\b)[A-Za-z][A-Za-z0-9]*\b[^<>]*(?<!/)>" % _VOID_TAGS, re.I)
_HTML_CLOSE = re.compile(r"</(?!(?:%s)\b)[A-Za-z]" % _VOID_TAGS, re.I)
_REF_TAG_OPEN = re.compile(r"<ref\b[^<>]*(?<!/)>", re.I)
_EXT_OPEN = re.compile(r"\[(?:https?:|ftp:|//)", re.I)


def _unclosed(text: str) -> int:
    """A cheap bound on how many openers of one kind the text leaves unclosed."""
    count = text.count
    return max(
        count("{{") - count("}}"),
        count("[[") - count("]]"),
        count("<!--") - count("-->"),
        len(_REF_TAG_OPEN.findall(text)) - len(_REF_CLOSE.findall(text)),
        len(_HTML_OPEN.findall(text)) - len(_HTML_CLOSE.findall(text)),
        len(_EXT_OPEN.findall(text)) - (count("]") - 2 * count("]]")),
    )


class _Unparsed(Text):
    """Text mwparserfromhell was not given (or could not build): kept as plain text, unscanned."""

    __slots__ = ()


#: a tree nested deeper than this is not walked: ``str()`` of a node recurses through every level
#: below it, and 300 nested templates (which the tokenizer accepts) overflow the Python stack
MAX_TREE_DEPTH = 120


def _too_deep(code: Wikicode) -> bool:
    """Whether the tree nests deeper than ``MAX_TREE_DEPTH``, found without recursion."""
    stack = [(code, 0)]
    while stack:
        code, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return True
        for node in code.nodes:
            if isinstance(node, (Text, Comment, HTMLEntity)):
                continue
            stack.extend((child, depth + 1) for child in node.__children__())
    return False


def _parse_piece(piece: str, checked: bool) -> list | None:
    """The nodes of ``piece``, or None when it cannot be parsed safely (see ``_parse_guarded``)."""
    if _unclosed(piece) > MAX_UNCLOSED:
        return None
    try:
        code = parse(piece)
    except RecursionError:
        return None
    if checked and _too_deep(code):
        return None
    return code.nodes


def _parse_guarded(text: str, checked: bool = False) -> tuple[Wikicode, list[Span]]:
    """mwparserfromhell's parse, guarded.

    Text that leaves too many openers unclosed, or on which the parser's builder overflows the
    stack (``"{{{" * 3000``), is parsed paragraph by paragraph, a paragraph like that line by line,
    and a line that is itself like that is kept as plain text.  With ``checked`` (after the walk
    of the whole tree overflowed the stack), a piece whose tree nests deeper than
    ``MAX_TREE_DEPTH`` counts as such a piece too.  Returns the tree and the spans kept as plain text."""
    if not checked and _unclosed(text) <= MAX_UNCLOSED:
        try:
            return parse(text), []
        except RecursionError:
            pass
    nodes = []
    unparsed = []
    pos = 0
    for chunk in re.split(r"(?<=\n\n)", text):
        if not chunk:
            continue
        parsed = _parse_piece(chunk, checked)
        if parsed is not None:
            nodes.extend(parsed)
            pos += len(chunk)
            continue
        for line in chunk.splitlines(keepends=True):
            parsed = _parse_piece(line, checked) if "\n" in chunk.rstrip("\n") else None
            if parsed is None or (not line.strip() and unparsed and unparsed[-1].end == pos):
                if unparsed and unparsed[-1].end == pos:
                    nodes[-1] = _Unparsed(str(nodes[-1]) + line)
                    unparsed[-1] = Span(unparsed[-1].start, pos + len(line))
                else:
                    nodes.append(_Unparsed(line))
                    unparsed.append(Span(pos, pos + len(line)))
            else:
                nodes.extend(parsed)
            pos += len(line)
    return Wikicode(nodes), unparsed
