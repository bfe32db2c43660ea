"""The readability gate: finds sentences of published text that are too hard to read.

Each sentence is scored on its own with the Flesch-Kincaid grade, so one long sentence cannot
hide behind many short ones. Very short sentences (under :data:`MIN_WORDS` words) are skipped,
and numbers, figures, web addresses and symbols such as ``[c]`` are taken out before scoring:
the formula reads "2022-23" or "94%" as hard words, which they are not for a reader.

Words and syllables are counted here, not by the textstat package. Words are counted as
textstat 0.7's ``lexicon_count`` counts them (:func:`word_count`); importing textstat took a
second of every build (it imports nltk and scipy) for that one count. Syllables are never
counted by textstat's own ``flesch_kincaid_grade``: textstat 0.7.13 downloads the CMU
pronouncing dictionary at run time, which fails on a machine without internet and would give
different grades on machines with and without it. This module uses the larger of two offline
counts for every word (the pyphen hyphenation dictionary, which is textstat's own fallback,
and a vowel-group rule), so the same text gets the same grade everywhere. The formula is
textstat's: ``0.39 * words per sentence + 11.8 * syllables per word - 15.59``.

Defaults: :data:`SUMMARY_MAX_GRADE` (8) for summary text, :data:`EASY_READ_MAX_GRADE` (5) for
easy read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pyphen import Pyphen

from charterwatch.stats.rounding import round_decimals

SUMMARY_MAX_GRADE = 8.0
"""The highest Flesch-Kincaid grade allowed in summary text (the summary, the leaflet)."""

EASY_READ_MAX_GRADE = 5.0
"""The highest Flesch-Kincaid grade allowed in easy read text."""

MIN_WORDS = 6
"""Sentences with fewer words than this are not scored: the formula is unreliable on them."""

_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "vs.", "approx.")
_DOT = "\u2024"  # ONE DOT LEADER stands in for the full stop of an abbreviation while splitting
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9£])")
_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\S+"  # web and email addresses
    r"|\[[a-z]\]"  # symbols such as [c] and [x]
    r"|[£$€]?\d[\d,.:/%-]*(?:st|nd|rd|th|s|%|pp)?"  # numbers, years, percentages, money
)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_LETTER_OR_DIGIT = re.compile(r"\w")


@dataclass(frozen=True)
class ReadabilityProblem:
    """One sentence that is harder to read than allowed: where it is, its grade, the limit."""

    where: str
    sentence: str
    grade: float
    limit: float

    def __str__(self) -> str:
        return (
            f"{self.where}: Flesch-Kincaid grade {self.grade:.1f} is above the limit of "
            f'{self.limit:g}: "{self.sentence}"'
        )


class ReadabilityError(Exception):
    """Published text failed the readability gate; ``problems`` lists every hard sentence."""

    def __init__(self, problems: list[ReadabilityProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"{len(problems)} sentence(s) are too hard to read; shorten them or use plainer "
            f"words:\n{lines}"
        )


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``: split at ., ! or ? before a capital, and at line breaks."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n\s*[-*•]\s+|\n(?=\s*\d+[.)]\s)", text):
        protected = block
        for abbreviation in _ABBREVIATIONS:
            protected = protected.replace(abbreviation, abbreviation.replace(".", _DOT))
        for piece in _SENTENCE_END.split(" ".join(protected.split())):
            sentence = piece.replace(_DOT, ".").strip()
            if sentence:
                out.append(sentence)
    return out


def word_count(text: str) -> int:
    """Words in ``text``: the pieces between spaces that hold a letter, digit or underscore.

    textstat's ``lexicon_count`` (0.7, with its defaults) deletes punctuation except the
    apostrophes of contractions, then counts the pieces between spaces: deleting characters
    never joins or splits pieces, and an apostrophe it keeps is followed by the letters of
    its contraction, so a piece survives exactly when it holds a word character. A dash or
    bullet on its own is not a word; "don't", "well-known" and "£5" are one each.
    """
    return sum(1 for piece in text.split() if _LETTER_OR_DIGIT.search(piece))


def scored_words(sentence: str) -> str:
    """The sentence without the numbers, figures, addresses and symbols the formula misreads."""
    return " ".join(_NOISE.sub(" ", sentence).split())


@cache
def _hyphenator() -> Pyphen:
    return Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables in one word: the larger of the pyphen and the vowel-group counts, at least 1."""
    lower = word.lower()
    by_hyphens = len(_hyphenator().positions(lower)) + 1
    groups = len(_VOWEL_GROUPS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1  # a silent final e, as in "make"
    return max(1, by_hyphens, groups)


def sentence_grade(sentence: str) -> float | None:
    """The Flesch-Kincaid grade of one sentence, or None when it is too short to score."""
    text = scored_words(sentence)
    count = word_count(text)
    if count < MIN_WORDS:
        return None
    words = _WORD.findall(text)
    total = sum(syllables(part) for word in words for part in word.split("'")[:1])
    per_word = total / max(1, len(words))
    return round_decimals(0.39 * count + 11.8 * per_word - 15.59, 1)


def check_readability(
    texts: Iterable[tuple[str, str]], max_grade: float = SUMMARY_MAX_GRADE
) -> list[ReadabilityProblem]:
    """Every sentence of the ``(where, text)`` pairs whose grade is above ``max_grade``."""
    problems = []
    for where, text in texts:
        for sentence in split_sentences(text):
            grade = sentence_grade(sentence)
            if grade is not None and grade > max_grade:
                problems.append(ReadabilityProblem(where, sentence, grade, max_grade))
    return problems


def require_readable(
    texts: Iterable[tuple[str, str]], max_grade: float = SUMMARY_MAX_GRADE
) -> None:
    """Raise :class:`ReadabilityError` naming every sentence above ``max_grade``."""
    problems = check_readability(texts, max_grade)
    if problems:
        raise ReadabilityError(problems)


__all__ = [
    "EASY_READ_MAX_GRADE",
    "MIN_WORDS",
    "SUMMARY_MAX_GRADE",
    "ReadabilityError",
    "ReadabilityProblem",
    "check_readability",
    "require_readable",
    "sentence_grade",
    "split_sentences",
    "syllables",
]
