"""The ``footnotes`` family: empty footnotes and broken references, in both input formats.

A footnote marker that leads nowhere, or to nothing, tells a reader a claim is sourced when it
is not.  The rules read ``doc.footnote_markers`` / ``doc.footnote_defs`` (filled by the
front-ends), ``doc.reference_lists``, ``doc.templates`` and ``doc.markup``.

How markers and definitions meet (``FootnoteIndex``): a marker with a ``definition`` index
points at that definition; otherwise marker and definition share a key ``(group, label)``,
where a definition's label is its ref ``name`` when it has one.  In the markdown export the
labels are the numbers (``\\[3\\]`` ↔ ``3.``); in wikitext they are ref names or ``#<n>``.

The shared view is ``index`` (keys, ``FootnoteIndex``, how messages name a footnote, whether a
footnote carries text); each rule has a module named after it: ``empty_footnote`` (FN001),
``empty_citation_template`` (FN002), ``undefined_footnote`` (FN003), ``unused_footnote`` (FN004),
``footnote_numbering`` (FN005), ``escaped_ref`` (FN006), ``conflicting_ref_definitions`` (FN007),
``malformed_ref_attributes`` (FN008), ``unclosed_ref`` (FN009), ``missing_references_list``
(FN010), ``bare_url_ref`` (FN011), ``ref_after_references_list`` (FN012).
"""

from __future__ import annotations

from wikilint.checks.footnotes.bare_url_ref import BareUrlRef
from wikilint.checks.footnotes.conflicting_ref_definitions import ConflictingRefDefinitions
from wikilint.checks.footnotes.empty_citation_template import EmptyCitationTemplate, citation_has_source, sole_template
from wikilint.checks.footnotes.empty_footnote import EmptyFootnote
from wikilint.checks.footnotes.escaped_ref import EscapedRef
from wikilint.checks.footnotes.footnote_numbering import FootnoteNumbering
from wikilint.checks.footnotes.index import (
    FAMILY,
    FootnoteIndex,
    Key,
    carries_text,
    def_key,
    describe,
    describe_def,
    footnote_index,
    marker_key,
    opening_tag,
)
from wikilint.checks.footnotes.malformed_ref_attributes import MalformedRefAttributes, ref_attribute_problem
from wikilint.checks.footnotes.missing_references_list import MissingReferencesList
from wikilint.checks.footnotes.ref_after_references_list import RefAfterReferencesList
from wikilint.checks.footnotes.unclosed_ref import UnclosedRef
from wikilint.checks.footnotes.undefined_footnote import UndefinedFootnote
from wikilint.checks.footnotes.unused_footnote import UnusedFootnote
from wikilint.engine.rule import Rule

__all__ = [
    "FAMILY",
    "BareUrlRef",
    "ConflictingRefDefinitions",
    "EmptyCitationTemplate",
    "EmptyFootnote",
    "EscapedRef",
    "FootnoteIndex",
    "FootnoteNumbering",
    "Key",
    "MalformedRefAttributes",
    "MissingReferencesList",
    "RefAfterReferencesList",
    "Rule",
    "UnclosedRef",
    "UndefinedFootnote",
    "UnusedFootnote",
    "carries_text",
    "citation_has_source",
    "def_key",
    "describe",
    "describe_def",
    "footnote_index",
    "marker_key",
    "opening_tag",
    "ref_attribute_problem",
    "sole_template",
]
