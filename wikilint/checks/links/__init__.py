"""The ``links`` family: link markup broken in itself, targets that do not exist, overlinking.

The rules read ``doc.links`` (every link of both formats, with its target unescaped and split from
its fragment), ``doc.markup`` (``stray-open`` / ``stray-close`` leftovers), ``doc.sections``,
``doc.category_lines`` and, for existence, ``ctx.titles`` (a ``wikilint.links_index.TitleIndex``;
None when no index was given, and then nothing is said about existence).

Titles are compared the way zh-wiki compares them: normalised (``_``/spaces, percent-encoding,
namespace aliases, first letter) and folded to one script with OpenCC, character by character
(``wikilint.zh.titles``), so 吴秀容 and 吳秀容 are the same page.

The shared pieces are in ``shared`` (how targets and page names are compared, the unlink fix); each
rule has a module named after it: ``stray_link_markup`` (LK001), ``malformed_link_target`` (LK002),
``lost_file_caption`` (LK003), ``category_in_text`` (LK004), ``link_trail_in_text`` (LK005),
``missing_link_target`` (LK006), ``missing_section_anchor`` (LK007), ``repeated_link`` (LK008),
``self_link`` (LK009).
"""

from __future__ import annotations

from wikilint.checks.links.category_in_text import CategoryInText
from wikilint.checks.links.link_trail_in_text import LinkTrailInText
from wikilint.checks.links.lost_file_caption import LostFileCaption, is_option
from wikilint.checks.links.malformed_link_target import MalformedLinkTarget
from wikilint.checks.links.missing_link_target import MissingLinkTarget
from wikilint.checks.links.missing_section_anchor import MissingSectionAnchor
from wikilint.checks.links.repeated_link import RepeatedLink
from wikilint.checks.links.self_link import SelfLink
from wikilint.checks.links.shared import FAMILY, link_title
from wikilint.checks.links.stray_link_markup import StrayLinkMarkup

__all__ = [
    "FAMILY",
    "CategoryInText",
    "LinkTrailInText",
    "LostFileCaption",
    "MalformedLinkTarget",
    "MissingLinkTarget",
    "MissingSectionAnchor",
    "RepeatedLink",
    "SelfLink",
    "StrayLinkMarkup",
    "is_option",
    "link_title",
]
