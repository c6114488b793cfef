"""The wikitext front-end: raw MediaWiki wikitext (zh-wiki flavoured) → ``Document``.

mwparserfromhell round-trips exactly but its nodes carry no offsets, so the front-end walks the
tree once with a cursor: every node's children are laid out in the order ``str(node)`` writes
them, so the cursor advances by structure and only leaves (text, comments, entities) are
measured.  Everything a rule needs is collected in that one walk: links, footnotes, templates,
markup leftovers, exempt spans and the prose mask.  Lines, blocks, sentences, sections and the
zh-specific scans (``-{…}-``, 《…》/「…」) are built from what the walk found.

Depth is guarded twice: mwparserfromhell's own builder can overflow the Python stack on some
inputs (``"{{{" * 3000``), in which case the text is parsed paragraph by paragraph and anything
that still fails is kept as plain text; and the walk itself treats nodes nested deeper than
``MAX_DEPTH`` as plain text.

The package's modules, in the order a page goes through them: ``guard`` (the parse, with the tree
built by ``build`` from mwparserfromhell's tokens), ``walk`` (the walk, reading nodes with ``nodes``
and ``vocabulary``, carrying ``modes`` down the tree), ``footnotes``, ``layout`` (lines, blocks, sentences) and ``parse`` (the entry
that builds the ``Document``).
"""

from wikilint.formats.wikitext.parse import parse_wikitext
from wikilint.formats.wikitext.walk import MAX_DEPTH

__all__ = ["parse_wikitext", "MAX_DEPTH"]
