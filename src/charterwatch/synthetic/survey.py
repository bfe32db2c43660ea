"""Synthetic survey responses (long format: one row per respondent and question answered).

Questions are routed the way the measures read them: a question whose measure counts only
respondents who answered a base question in a certain way (kindness: only those with staff
contact) is asked only of them, so the respondents in a measure's base are exactly the
respondents who answered. Each year, each question's answers are counted out exactly (see
:mod:`charterwatch.synthetic.answers`) and then dealt to the eligible respondents at random.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from charterwatch.model.framework import Measure, SurveyQuestion
from charterwatch.sources.shapes import EQUALITY_FIELDS
from charterwatch.stats.rounding import round_half_up
from charterwatch.synthetic.answers import Share, allocate
from charterwatch.synthetic.draws import scaled, split_counts, stream
from charterwatch.synthetic.people import choose, equality_columns, open_benefits
from charterwatch.synthetic.recipe import FigureCount, Recipe, SurveySettings
from charterwatch.synthetic.targets import Target
from charterwatch.synthetic.writer import CHUNK_ROWS, Pieces

DEFAULT_EXCLUDE = ("don't know", "prefer not to say")
"""Answers a survey proportion drops from its base unless the measure says otherwise."""

Routing = dict[str, dict[str, frozenset[str]]]
"""Question -> {base question: the answers that route a respondent to it}."""


@dataclass
class SurveyPlan:
    """A survey's questions in asking order, who is asked each, and from which year."""

    order: list[str]
    scales: dict[str, list[str]]
    routing: Routing
    first_years: dict[str, str]
    excluded: dict[str, frozenset[str]]
    notes: list[str] = field(default_factory=list)


def plan_survey(
    source: str,
    questions: Sequence[SurveyQuestion],
    measures: Sequence[Measure],
    settings: SurveySettings,
) -> SurveyPlan:
    """Work out routing and asking order from the measures' bases and the recipe.

    A measure's base (``base_question``/``base_answers``) decides who is asked its question;
    the recipe's ``asked_if`` routes questions no measure routes. Raises ValueError when the
    routing loops or names a question the survey does not have.
    """
    scales = {q.id: list(q.answers) for q in questions if q.source == source}
    routing: Routing = {}
    first: dict[str, str] = {}
    excluded: dict[str, set[str]] = {}
    notes: list[str] = []
    for m in measures:
        p = m.params
        q = str(p["question"])
        excluded.setdefault(q, set()).update(p.get("exclude", DEFAULT_EXCLUDE))
        if m.first_year:
            first[q] = min(first.get(q, m.first_year), m.first_year)
        base = (
            {str(p["base_question"]): frozenset(p.get("base_answers", []))}
            if p.get("base_question")
            else {}
        )
        if q in routing and routing[q] != base:
            notes.append(f"{m.id}: {q} is already routed by another measure's base; kept that")
            continue
        routing[q] = base
    for q, qs in settings.questions.items():
        if q not in scales and qs.answers:
            scales[q] = list(qs.answers)
        elif q not in scales:
            raise ValueError(f"the recipe routes question '{q}', which {source} does not have")
        if q not in routing:
            routing[q] = {b: frozenset(a) for b, a in qs.asked_if.items()}
        if qs.first_year:
            first[q] = qs.first_year
    for q in scales:
        routing.setdefault(q, {})
        for routed_by in routing[q]:
            if routed_by not in scales:
                raise ValueError(f"question '{q}' is routed by '{routed_by}', not in {source}")
    order = _asking_order(list(scales), routing)
    excl = {q: frozenset(excluded.get(q, DEFAULT_EXCLUDE)) & frozenset(scales[q]) for q in scales}
    return SurveyPlan(order, scales, routing, first, excl, notes)


def _asking_order(questions: list[str], routing: Routing) -> list[str]:
    """Questions in file order, each after the questions that route it."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(q: str, path: tuple[str, ...]) -> None:
        if state.get(q) == 2:
            return
        if state.get(q) == 1:
            raise ValueError("survey routing loops: " + " -> ".join((*path, q)))
        state[q] = 1
        for base in routing.get(q, {}):
            visit(base, (*path, q))
        state[q] = 2
        order.append(q)

    for q in questions:
        visit(q, ())
    return order


def respondents_in(settings: SurveySettings, year: str, figures: Mapping[str, float]) -> int:
    """Respondents in ``year`` at size 1 (0 when the recipe has no volume for the year)."""
    volume = settings.respondents.get(year)
    if volume is None:
        return 0
    if isinstance(volume, FigureCount):
        return round_half_up(figures[volume.figure])
    return volume


def respondents_by_year(
    settings: SurveySettings, years: Sequence[str], size: float, figures: Mapping[str, float]
) -> dict[str, int]:
    """Respondents in each year that has any, at ``size`` (the years before the survey's
    ``first_year`` have none)."""
    counts = {
        year: scaled(respondents_in(settings, year, figures), size)
        for year in years
        if not (settings.first_year and year < settings.first_year)
    }
    return {year: n for year, n in counts.items() if n > 0}


def make_survey(
    source: str,
    plan: SurveyPlan,
    settings: SurveySettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    figures: Mapping[str, float],
    notes: list[str],
    chunk_rows: int = CHUNK_ROWS,
) -> Pieces | None:
    """The survey's rows for every year, made a year (and ``chunk_rows`` rows) at a time as
    they are written; None when no year has respondents. Notes on targets that moved or
    were not used are added to ``notes`` once every piece has been made."""
    asked = list(respondents_by_year(settings, years, size, figures).items())
    if not asked:
        notes.extend(plan.notes)
        return None
    columns: list[str] = []
    for year, _ in asked:
        columns += [c for c in _columns(settings, recipe, year) if c not in columns]

    def frames() -> Iterator[pd.DataFrame]:
        found = list(plan.notes)
        for year, n in asked:
            year_targets = [t for t in targets if t.year == year]
            yield from _year(
                source, plan, settings, year_targets, recipe, year, n, found, chunk_rows
            )
        notes.extend(found)

    return Pieces(columns, frames())


def _columns(settings: SurveySettings, recipe: Recipe, year: str) -> list[str]:
    """The columns :func:`_year` gives ``year``'s rows, in order."""
    people = ["respondent_id", "year"] + (["wave"] if settings.waves != 1 else [])
    if open_benefits(recipe.benefits, settings.benefits, year):
        people.append("benefit")
    if settings.organisation_types:
        people.append("organisation_type")
    if settings.equality and recipe.equality:
        people += [name for name in EQUALITY_FIELDS if name in recipe.equality]
    return [*people, "question", "answer"]


def _shares(plan: SurveyPlan, q: str, targets: Sequence[Target], notes: list[str]) -> list[Share]:
    """The targets on question ``q`` that its routing and exclusions let us meet exactly."""
    out = []
    ranked = sorted(targets, key=lambda t: t.origin != "published")
    for t in ranked:
        p = t.params
        if str(p.get("question")) != q:
            continue
        base = (
            {str(p["base_question"]): frozenset(p.get("base_answers", []))}
            if p.get("base_question")
            else {}
        )
        exclude = frozenset(p.get("exclude", DEFAULT_EXCLUDE)) & frozenset(plan.scales[q])
        if not t.period.is_year:
            notes.append(f"{t.describe()}: a survey target must be for a financial year")
        elif base != plan.routing[q]:
            notes.append(f"{t.describe()}: its base differs from who is asked {q}; not met")
        elif exclude != plan.excluded[q]:
            notes.append(f"{t.describe()}: its excluded answers differ from the others on {q}")
        else:
            out.append(Share(frozenset(_as_list(p.get("chosen"))), t.value, t.describe()))
    return out


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _answer_counts(
    plan: SurveyPlan,
    q: str,
    n: int,
    shares: list[Share],
    settings: SurveySettings,
    notes: list[str],
) -> dict[str, int]:
    scale = plan.scales[q]
    own = settings.questions.get(q)
    if not shares and own is not None and own.answers:
        own_weights = [float(own.answers.get(a, 0.0)) for a in scale]
        return dict(zip(scale, split_counts(n, own_weights), strict=True))
    invalid = [a for a in scale if a in plan.excluded[q]]
    n_invalid = min(n, round_half_up(n * settings.not_valid / 100.0)) if invalid else 0
    counts = (
        dict(zip(invalid, split_counts(n_invalid, [1.0] * len(invalid)), strict=True))
        if invalid
        else {}
    )
    valid = [a for a in scale if a not in plan.excluded[q]]
    weights = dict(settings.answer_weights)
    if own is not None:
        weights.update(own.answers)
    result = allocate(valid, n - n_invalid, shares, weights)
    for label, _wanted, given in result.moved:
        notes.append(f"{label}: moved to {given:g} to fit the other targets on {q}")
    counts.update(result.counts)
    return counts


def _year(
    source: str,
    plan: SurveyPlan,
    settings: SurveySettings,
    targets: Sequence[Target],
    recipe: Recipe,
    year: str,
    n: int,
    notes: list[str],
    chunk_rows: int,
) -> Iterator[pd.DataFrame]:
    """One year's rows (one per respondent and question answered), ``chunk_rows`` at a time."""
    rng = stream(recipe.seed, source, year, "respondents")
    prefix = "".join(w[0] for w in source.split("_")).upper()
    ids = np.array([f"{prefix}{year[:4]}{year[5:]}-{i:06d}" for i in range(1, n + 1)], dtype=object)
    people: dict[str, np.ndarray] = {
        "respondent_id": ids,
        "year": np.full(n, year, dtype=object),
        "wave": np.array([str(i * settings.waves // n + 1) for i in range(n)], dtype=object),
    }
    weights = open_benefits(recipe.benefits, settings.benefits, year)
    if weights:
        people["benefit"] = choose(rng, n, weights)
    if settings.organisation_types:
        people["organisation_type"] = choose(rng, n, settings.organisation_types)
    if settings.equality and recipe.equality:
        people.update(equality_columns(rng, n, recipe.equality))
    answers: dict[str, np.ndarray] = {}
    who: list[np.ndarray] = []
    which: list[np.ndarray] = []
    said: list[np.ndarray] = []
    for position, q in enumerate(plan.order):
        if q in plan.first_years and year < plan.first_years[q]:
            continue
        eligible = np.ones(n, dtype=bool)
        for base, allowed in plan.routing[q].items():
            given = answers.get(base)
            eligible &= np.isin(given, list(allowed)) if given is not None else False
        rows = np.flatnonzero(eligible)
        column = np.full(n, None, dtype=object)
        if rows.size:
            counts = _answer_counts(
                plan, q, rows.size, _shares(plan, q, targets, notes), settings, notes
            )
            dealt = np.repeat(np.array(list(counts), dtype=object), list(counts.values()))
            q_rng = stream(recipe.seed, source, year, "question", q)
            column[rows] = dealt[q_rng.permutation(dealt.size)]
            who.append(rows)
            which.append(np.full(rows.size, position))
            said.append(column[rows])
        answers[q] = column
    person = np.concatenate(who)
    position_of = np.concatenate(which)
    order = np.lexsort((position_of, person))
    person, position_of = person[order], position_of[order]
    answer = np.concatenate(said)[order]
    if settings.waves == 1:
        del people["wave"]
    # every column as categories and codes: a few distinct values over up to millions of
    # rows, written without making a Python object per cell
    coded = {name: pd.factorize(values) for name, values in people.items()}
    answer_codes, answer_words = pd.factorize(answer)
    step = max(1, chunk_rows)
    for start in range(0, person.size, step):
        part = slice(start, start + step)
        rows = person[part]
        frame = {
            name: pd.Categorical.from_codes(codes[rows], words)
            for name, (codes, words) in coded.items()
        }
        frame["question"] = pd.Categorical.from_codes(position_of[part], plan.order)
        frame["answer"] = pd.Categorical.from_codes(answer_codes[part], answer_words)
        yield pd.DataFrame(frame)
