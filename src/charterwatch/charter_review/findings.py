"""What the charter review report finds, each finding made by one documented rule.

- **Data gaps**: commitments no measure evidences (the rule ``validate`` warns with,
  :func:`charterwatch.model.checks.unevidenced`) and measures with no published figure in
  the last ``recent`` years.
- **Overlaps** between measures, with the reason for each pair:
  ``same survey question`` (two measures use one question);
  ``a group of the other`` (one measure is another's figure for one group: the same kind,
  source and settings, but filtered to a value the other breaks down by);
  ``same computation, similar wording`` (the same kind, source and settings apart from the
  survey question, and wording at least :data:`SAME_COMPUTATION_SIMILARITY` alike);
  ``near-identical wording`` (wording at least ``similarity`` alike, unless the two only
  count different groups of one computation, such as two benefits' processing times).
  Wording is the title, the definition and the survey questions' text
  (:mod:`.similarity`).
- **Burden**: for each survey, the questions it asks, how many each respondent answered on
  average (from the data, when it is there), measures per question and questions per
  measure; for each team, the sources it supplies and the measures they feed.
- **Stability**: measures whose headline never showed a significant change over the years
  compared, and measures whose headline was withheld every year (the one rule for
  "withheld": :func:`charterwatch.publish.view.status_group`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.charter_review.similarity import similarities
from charterwatch.model.checks import question_users, unevidenced
from charterwatch.model.files import SourceKind
from charterwatch.model.framework import Framework, Measure
from charterwatch.publish.view import WITHHELD, status_group
from charterwatch.results.figure import ALL, Figure

SAME_COMPUTATION_SIMILARITY = 0.35
WORDING_SIMILARITY = 0.6
RECENT_YEARS = 3
CHANGED_GROUPS = frozenset({"better", "worse", "changed"})


@dataclass(frozen=True)
class Overlap:
    """Two measures that may duplicate each other, the rule that found them and its detail."""

    first: str
    second: str
    rule: str
    detail: str
    survey_based: bool


@dataclass(frozen=True)
class SurveyBurden:
    """One survey: the questions it asks and how the measures use them."""

    source: str
    name: str
    questions: int
    answered_per_respondent: float | None
    """Mean questions answered per respondent and year, from the data (None without it)."""
    respondents: int | None
    measures_per_question: dict[str, int]
    questions_per_measure: dict[str, int]


@dataclass(frozen=True)
class TeamBurden:
    team: str
    sources: list[str]
    measures: list[str]


@dataclass
class ReviewReport:
    """Everything the review report shows, for one framework version."""

    project: str
    framework: str
    charter: str
    years: list[str]
    recent: int
    has_results: bool
    unevidenced: list[tuple[str, str]] = field(default_factory=list)
    no_recent_data: list[tuple[str, str, str | None]] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    surveys: list[SurveyBurden] = field(default_factory=list)
    teams: list[TeamBurden] = field(default_factory=list)
    never_changed: list[tuple[str, str, int]] = field(default_factory=list)
    always_withheld: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def survey_overlaps(self) -> list[Overlap]:
        return [o for o in self.overlaps if o.survey_based]


def _wording(fw: Framework, m: Measure) -> str:
    questions = " ".join(
        fw.survey_questions[q].text for q in m.survey_questions if q in fw.survey_questions
    )
    return f"{m.title}. {m.definition} {questions}"


def _settings(m: Measure, leave_out: tuple[str, ...]) -> tuple[str, tuple[str, ...], str]:
    kept = {k: v for k, v in m.params.items() if k not in leave_out}
    return m.kind, tuple(m.sources), repr(sorted(kept.items()))


def _group_of(a: Measure, b: Measure) -> str | None:
    """How ``a`` is ``b``'s figure for one group (or None): same settings, ``a`` filtered
    to one value of a dimension ``b`` breaks down by."""
    filtered = a.params.get("filter")
    if not isinstance(filtered, dict) or len(filtered) != 1:
        return None
    ((dimension, values),) = filtered.items()
    if dimension not in b.params.get("breakdowns", []) or b.params.get("filter"):
        return None
    if _settings(a, ("filter", "breakdowns")) != _settings(b, ("filter", "breakdowns")):
        return None
    shown = ", ".join(values) if isinstance(values, list) else str(values)
    return f"{a.id} is {b.id} for {dimension} {shown}, which {b.id} already breaks down by"


def _groups_of_one_computation(a: Measure, b: Measure) -> bool:
    """True when the two only count different groups (their filters differ in values)."""
    fa, fb = a.params.get("filter"), b.params.get("filter")
    if not isinstance(fa, dict) or not isinstance(fb, dict) or set(fa) != set(fb) or fa == fb:
        return False
    return _settings(a, ("filter",)) == _settings(b, ("filter",))


def _mean_difference(series: dict[str, dict[str, float]], a: str, b: str) -> str:
    common = sorted(set(series.get(a, {})) & set(series.get(b, {})))
    if not common:
        return ""
    mean = sum(abs(series[a][y] - series[b][y]) for y in common) / len(common)
    return f"; their headline figures differ by {mean:.1f} on average over {len(common)} years"


def find_overlaps(
    fw: Framework, series: dict[str, dict[str, float]], similarity: float = WORDING_SIMILARITY
) -> list[Overlap]:
    """Every pair of measures that may duplicate each other, by the rules above."""
    version = fw.framework
    measures = list(version.measures.values())
    alike = similarities({m.id: _wording(fw, m) for m in measures})
    found: dict[tuple[str, str], Overlap] = {}

    def add(a: Measure, b: Measure, rule: str, detail: str) -> None:
        pair = (a.id, b.id) if (a.id, b.id) in alike else (b.id, a.id)
        if pair in found:
            return
        survey = bool(a.survey_questions and b.survey_questions)
        found[pair] = Overlap(
            pair[0], pair[1], rule, detail + _mean_difference(series, *pair), survey
        )

    for question, users in question_users(version).items():
        for i, one in enumerate(users):
            for other in users[i + 1 :]:
                add(
                    version.measures[one],
                    version.measures[other],
                    "same survey question",
                    f"both use '{question}'",
                )
    for a in measures:
        for b in measures:
            if a.id != b.id and (how := _group_of(a, b)) is not None:
                add(a, b, "a group of the other", how)
    for (ida, idb), score in sorted(alike.items(), key=lambda kv: -kv[1]):
        a, b = version.measures[ida], version.measures[idb]
        same = _settings(a, ("question",)) == _settings(b, ("question",))
        if same and a.survey_questions and score >= SAME_COMPUTATION_SIMILARITY:
            add(a, b, "same computation, similar wording", f"wording {score:.2f} alike")
        elif score >= similarity and not _groups_of_one_computation(a, b):
            add(a, b, "near-identical wording", f"wording {score:.2f} alike")
    return sorted(found.values(), key=lambda o: (o.first, o.second))


def _headlines(figures: list[Figure]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.statistic == "value" and f.breakdown == ALL and f.granularity == "year":
            out[f.measure].append(f)
    return out


def _answered_per_respondent(fw: Framework, source_id: str) -> tuple[float | None, int | None]:
    """Mean distinct questions answered per respondent and year, from a CSV or Parquet
    extract read by DuckDB where it lies (None when there is no data yet)."""
    import duckdb

    source = fw.sources[source_id]
    if not source.path:
        return None, None
    path = Path(fw.root) / source.path
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(path.glob("*.csv")) + sorted(path.glob("*.parquet"))
    else:
        files = []
    if not files:
        return None, None
    reader = "read_parquet" if files[0].suffix == ".parquet" else "read_csv"
    quoted = (f.as_posix().replace("'", "''") for f in files if f.suffix == files[0].suffix)
    names = ", ".join(f"'{name}'" for name in quoted)  # a quote in a file name stays text
    options = ", all_varchar = true" if reader == "read_csv" else ""
    sql = (
        "SELECT avg(n), count(*) FROM (SELECT count(DISTINCT question) AS n "
        f"FROM {reader}([{names}]{options}) GROUP BY year, respondent_id)"
    )
    try:
        with duckdb.connect() as con:
            mean, respondents = con.execute(sql).fetchone() or (None, None)
    except duckdb.Error:
        return None, None
    return (None if mean is None else float(mean)), (
        None if respondents is None else int(respondents)
    )


def survey_burden(fw: Framework) -> list[SurveyBurden]:
    version = fw.framework
    out = []
    for source in fw.sources.values():
        if source.kind is not SourceKind.SURVEY_RESPONSES:
            continue
        asked = [q for q in fw.survey_questions.values() if q.source == source.id]
        if not asked:
            continue
        per_question: dict[str, int] = {q.id: 0 for q in asked}
        per_measure: dict[str, int] = {}
        for m in version.measures.values():
            if source.id not in m.sources:
                continue
            used = set(m.survey_questions)
            base = m.params.get("base_question")
            if isinstance(base, str):
                used.add(base)
            used &= set(per_question)
            if used:
                per_measure[m.id] = len(used)
                for q in used:
                    per_question[q] += 1
        mean, respondents = _answered_per_respondent(fw, source.id)
        out.append(
            SurveyBurden(
                source.id, source.name, len(asked), mean, respondents, per_question, per_measure
            )
        )
    return out


def team_burden(fw: Framework) -> list[TeamBurden]:
    version = fw.framework
    teams: dict[str, list[str]] = defaultdict(list)
    for source in fw.sources.values():
        teams[source.owner.strip()].append(source.id)
    out = []
    for team, sources in sorted(teams.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        fed = [m.id for m in version.measures.values() if set(m.sources) & set(sources)]
        out.append(TeamBurden(team, sources, fed))
    return out


def build_report(
    fw: Framework,
    figures: list[Figure] | None,
    recent: int = RECENT_YEARS,
    similarity: float = WORDING_SIMILARITY,
) -> ReviewReport:
    """The review report of the project's default framework (``figures``: the results
    store's, None when nothing has been computed yet)."""
    version = fw.framework
    headlines = _headlines(figures or [])
    years = sorted({f.label for fs in headlines.values() for f in fs})
    series = {
        m: {f.label: float(f.value) for f in fs if f.value is not None}
        for m, fs in headlines.items()
    }
    report = ReviewReport(
        project=fw.project.name,
        framework=version.id,
        charter=fw.charter.id,
        years=years,
        recent=recent,
        has_results=figures is not None,
        unevidenced=[(c.id, c.text) for c in unevidenced(fw, version)],
        overlaps=find_overlaps(fw, series, similarity),
        surveys=survey_burden(fw),
        teams=team_burden(fw),
    )
    if figures is None:
        return report
    lately = set(years[-recent:])
    for m in version.measures.values():
        if m.status == "retired":
            continue
        rows = sorted(headlines.get(m.id, []), key=lambda f: f.label)
        with_value = [f.label for f in rows if f.value is not None]
        if not lately & set(with_value):
            report.no_recent_data.append((m.id, m.title, with_value[-1] if with_value else None))
        compared = [f for f in rows if status_group(f) in CHANGED_GROUPS | {"same"}]
        if len(compared) >= 2 and not any(status_group(f) in CHANGED_GROUPS for f in compared):
            report.never_changed.append((m.id, m.title, len(compared)))
        if rows and all(status_group(f) == WITHHELD or f.symbol == "[c]" for f in rows):
            report.always_withheld.append((m.id, m.title, len(rows)))
    return report


def as_dict(report: ReviewReport) -> dict[str, Any]:
    """The report as plain data (for ``--json``)."""
    from dataclasses import asdict

    return asdict(report)
