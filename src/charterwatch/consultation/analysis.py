"""Each statement's results: numbers with base and interval, or words below the threshold."""

from __future__ import annotations

from dataclasses import dataclass

from charterwatch.consultation.files import Consultation, Excerpt, StatementFile
from charterwatch.stats.intervals import proportion_from_counts
from charterwatch.stats.percentages import proportion_in_words
from charterwatch.stats.rounding import round_percent


@dataclass(frozen=True)
class AnswerShare:
    answer: str
    words: str
    """The share in words ("most", "a few"): always given."""
    count: int | None
    percent: float | None
    """Whole percent; None (with ``count``) below the threshold."""


@dataclass(frozen=True)
class StatementResult:
    survey: str
    statement: StatementFile
    in_words: bool
    """True below the threshold: no number of any kind may be shown."""
    shares: list[AnswerShare]
    agree_words: str
    disagree_words: str
    n: int | None
    agree_percent: float | None
    agree_low: float | None
    agree_high: float | None

    @property
    def sentence(self) -> str:
        """The result in one sentence, naming the answers counted (numbers only at or above
        the threshold)."""
        agree = " or ".join(self.statement.agree)
        disagree = " or ".join(self.statement.disagree)
        if self.in_words:
            told = f"{self.agree_words.capitalize()} answered {agree}"
            if disagree:
                told += f"; {self.disagree_words} answered {disagree}"
            return told + "."
        return (
            f"{self.agree_percent:.0f}% answered {agree} (95% interval {self.agree_low:.0f}% "
            f"to {self.agree_high:.0f}%; {self.n:,} answered the question)."
        )


@dataclass(frozen=True)
class SurveyResult:
    id: str
    title: str
    in_words: bool
    statements: list[StatementResult]


def _statement(
    survey: str, statement: StatementFile, answers: list[str], threshold: int
) -> StatementResult:
    n = len(answers)
    counts = {a: answers.count(a) for a in statement.answers}
    agree = sum(counts[a] for a in statement.agree)
    disagree = sum(counts[a] for a in statement.disagree)
    in_words = n < threshold

    def words(k: int) -> str:
        return proportion_in_words(k / n) if n else "none"

    shares = [
        AnswerShare(
            a,
            words(c),
            None if in_words else c,
            None if in_words or not n else round_percent(c / n),
        )
        for a, c in counts.items()
    ]
    if in_words or not n:
        return StatementResult(
            survey, statement, True, shares, words(agree), words(disagree), None, None, None, None
        )
    estimate = proportion_from_counts(agree, n)
    return StatementResult(
        survey,
        statement,
        False,
        shares,
        words(agree),
        words(disagree),
        n,
        round_percent(estimate.estimate),
        round_percent(estimate.interval.low),
        round_percent(estimate.interval.high),
    )


def analyse(consultation: Consultation) -> list[SurveyResult]:
    """Every survey's statements, each with numbers or (below the threshold) words only.

    A survey is below the threshold as a whole when any of its statements is, so one
    statement's numbers cannot be set against another's words to work out a count."""
    threshold = consultation.spec.threshold
    out = []
    for survey in consultation.spec.surveys:
        rows = consultation.answers.get(survey.id, [])
        respondents = {r for r, _, _ in rows}
        per_statement = {s.id: [a for _, sid, a in rows if sid == s.id] for s in survey.statements}
        small = len(respondents) < threshold or any(
            len(v) < threshold for v in per_statement.values()
        )
        results = [
            _statement(survey.id, s, per_statement[s.id], threshold if not small else 10**9)
            for s in survey.statements
        ]
        out.append(SurveyResult(survey.id, survey.title, small, results))
    return out


def by_theme(excerpts: list[Excerpt]) -> dict[str, list[Excerpt]]:
    """Interview excerpts grouped by theme, themes in the order first met."""
    out: dict[str, list[Excerpt]] = {}
    for e in excerpts:
        out.setdefault(e.theme, []).append(e)
    return out
