"""The words that belong to the Scottish social security example and to no other charter.

A second charter's site, PDFs and downloads must contain none of them: if one appears, some
wording still lives in charterwatch's code or default catalogue instead of in
``examples/scotland``. Each entry is a regular expression (case-insensitive unless it says
otherwise) and the word as the failure message shows it.
"""

from __future__ import annotations

import re

SCOTLAND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (word, re.compile(pattern, flags))
    for word, pattern, flags in (
        ("Scotland", r"\bScotland\b", re.IGNORECASE),
        ("Scottish", r"\bScottish\b", re.IGNORECASE),
        ("social security", r"\bsocial\s+security\b", re.IGNORECASE),
        ("re-determination", r"\bre-determinations?\b", re.IGNORECASE),
        ("redetermination", r"\bredeterminations?\b", re.IGNORECASE),
        ("Adult Disability Payment", r"\badult\s+disability\s+payment\b", re.IGNORECASE),
        ("ADP", r"\bADP\b", 0),
        ("Child Disability Payment", r"\bchild\s+disability\s+payment\b", re.IGNORECASE),
        ("tribunal", r"\btribunals?\b", re.IGNORECASE),
        ("short-term assistance", r"\bshort-term\s+assistance\b", re.IGNORECASE),
        ("backdated", r"\bbackdated\b", re.IGNORECASE),
        ("42 days", r"\b42\s+days\b", re.IGNORECASE),
        ("56 days", r"\b56\s+days\b", re.IGNORECASE),
        ("31 days", r"\b31\s+days\b", re.IGNORECASE),
        ("section 20", r"\bsection\s+20\b", re.IGNORECASE),
        ("the four parts", r"\bthe\s+four\s+parts\b", re.IGNORECASE),
        ("Next release: November", r"\bnext\s+release\W*\s*November\b", re.IGNORECASE),
        ("benefit", r"\bbenefits?\b", re.IGNORECASE),
    )
)
"""(word, pattern): the acceptance list of issue 11, each matched as a whole word."""


def words_in(text: str) -> list[str]:
    """The listed words found in ``text``, in list order."""
    return [word for word, pattern in SCOTLAND_WORDS if pattern.search(text)]
