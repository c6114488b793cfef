"""The ``dates`` family: dates that contradict themselves.

Every rule reads one shared analysis of the document (computed once per document): the prose of
each narrative block with the date and time expressions of ``wikilint.zh.dates`` found in it and
resolved in reading order, section by section (a partial date takes the year of the nearest
preceding date in its section, else the lead's, else the title's).  References, headings,
category lines and footnote definitions are not narrative and are not read.

The shared views are ``model`` (what the rules read), ``analysis`` (building it), ``subject`` (the
article's subject and its birth) and ``citations`` (dates outside the prose); each rule has a module
named after it: ``impossible_date`` (DT001), ``era_year_mismatch`` (DT002), ``weekday_mismatch``
(DT003), ``date_arithmetic`` (DT004), ``narrative_backwards`` (DT005), ``lead_range_body`` (DT006),
``mixed_date_formats`` (DT007).
"""

from __future__ import annotations

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.date_arithmetic import DateArithmetic
from wikilint.checks.dates.era_year_mismatch import EraYearMismatch
from wikilint.checks.dates.impossible_date import ImpossibleDate
from wikilint.checks.dates.lead_range_body import LeadRangeBody
from wikilint.checks.dates.mixed_date_formats import MixedDateFormats
from wikilint.checks.dates.model import Analysis, Birth, BlockText, Point
from wikilint.checks.dates.narrative_backwards import NarrativeBackwards
from wikilint.checks.dates.weekday_mismatch import WeekdayMismatch

__all__ = [
    "Analysis",
    "Birth",
    "BlockText",
    "DateArithmetic",
    "EraYearMismatch",
    "ImpossibleDate",
    "LeadRangeBody",
    "MixedDateFormats",
    "NarrativeBackwards",
    "Point",
    "WeekdayMismatch",
    "analyse",
]
