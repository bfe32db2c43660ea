"""Figures recomputed from generated CSV files in plain pandas, following each measure kind's
params as documented, independently of the generator and of the measure engine.

- survey_proportion: respondents (year, respondent_id) who answered ``question`` with an answer
  not in ``exclude``, among those who answered ``base_question`` with a ``base_answers`` answer;
  value = 100 * chosen / base.
- duration (two dates): working days from ``start`` to ``end`` (day of receipt not counted,
  day of decision counted) for records whose ``end`` is in the period; the median
  (interpolated), or ``share_over``: percent taking more than ``over`` days.
- duration (``value``): the mean of the column for records whose ``date`` is in the period.
- count: records whose ``date`` is in the period. share_of_records: percent of them meeting
  ``where``. deadline_compliance: percent decided within the rule in force.
- Every kind applies ``filter`` (column -> allowed values; booleans compared as true/false).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from charterwatch.dates import DeadlineRulebook, WorkingDayCalendar

EXAMPLE_DEADLINES = Path(__file__).resolve().parents[2] / "examples/scotland/deadlines.yaml"

DEFAULT_EXCLUDE = ["don't know", "prefer not to say"]


@dataclass(frozen=True)
class Result:
    value: float | None
    base: int


def period_bounds(label: str) -> tuple[date, date]:
    """A financial year ``2022-23``, a month ``2022-09`` or months ``2022-04 to 2022-10``."""
    span = re.fullmatch(r"(\d{4}-\d{2}) to (\d{4}-\d{2})", label)
    if span:
        return month_bounds(span.group(1))[0], month_bounds(span.group(2))[1]
    first, second = int(label[:4]), int(label[5:7])
    if second == (first + 1) % 100:
        return date(first, 4, 1), date(first + 1, 3, 31)
    return month_bounds(label)


def month_bounds(label: str) -> tuple[date, date]:
    year, month = int(label[:4]), int(label[5:7])
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def as_texts(values: Any) -> list[str]:
    items = values if isinstance(values, list) else [values]
    return [("true" if v else "false") if isinstance(v, bool) else str(v) for v in items]


class Data:
    """The generated CSV files of one folder, read as text, with per-year survey indexes."""

    def __init__(self, folder: Path, paths: dict[str, str]) -> None:
        self.folder = folder
        self.paths = paths
        self._frames: dict[str, pd.DataFrame] = {}
        self._survey: dict[tuple[str, str], dict[str, pd.DataFrame]] = {}

    def frame(self, source: str) -> pd.DataFrame:
        if source not in self._frames:
            path = self.folder / Path(self.paths[source]).relative_to("data")
            self._frames[source] = pd.read_csv(path, dtype=str, keep_default_na=False)
        return self._frames[source]

    def survey_year(self, source: str, year: str) -> dict[str, pd.DataFrame]:
        key = (source, year)
        if key not in self._survey:
            t = self.frame(source)
            t = t[t["year"] == year]
            self._survey[key] = {str(q): g for q, g in t.groupby("question")}
        return self._survey[key]


def filtered(frame: pd.DataFrame, conditions: dict[str, Any] | None) -> pd.DataFrame:
    for column, values in (conditions or {}).items():
        frame = frame[frame[column].isin(as_texts(values))]
    return frame


def dated(frame: pd.DataFrame, column: str, label: str) -> pd.DataFrame:
    start, end = period_bounds(label)
    text = frame[column]
    keep = (text != "") & (text >= start.isoformat()) & (text <= end.isoformat())
    return frame[keep]


def survey_proportion(data: Data, source: str, params: dict[str, Any], year: str) -> Result:
    by_question = data.survey_year(source, year)
    empty = pd.DataFrame(columns=["respondent_id", "answer"])
    answers = by_question.get(str(params["question"]), empty)
    answers = answers[~answers["answer"].isin(params.get("exclude", DEFAULT_EXCLUDE))]
    if params.get("base_question"):
        base = by_question.get(str(params["base_question"]), empty)
        ids = base[base["answer"].isin(as_texts(params.get("base_answers", [])))]["respondent_id"]
        answers = answers[answers["respondent_id"].isin(set(ids))]
    n = len(answers)
    chosen = int(answers["answer"].isin(as_texts(params["chosen"])).sum())
    return Result(100.0 * chosen / n if n else None, n)


@cache
def example_rulebook() -> DeadlineRulebook:
    """The example's deadline rules, read from its deadlines.yaml as plain YAML."""
    text = EXAMPLE_DEADLINES.read_text(encoding="utf-8")
    return DeadlineRulebook.from_config(yaml.safe_load(text)["deadlines"])


@cache
def example_calendar() -> WorkingDayCalendar:
    """The example's working-day calendar, read from its calendar.yaml as plain YAML."""
    text = (EXAMPLE_DEADLINES.parent / "calendar.yaml").read_text(encoding="utf-8")
    return WorkingDayCalendar.from_config(yaml.safe_load(text)["calendar"])


@cache
def _working_days(start: tuple[str, ...], end: tuple[str, ...]) -> tuple[int, ...]:
    counts = example_calendar().working_days_between_arrays(list(start), list(end))
    return tuple(int(c) for c in counts)


def duration(data: Data, source: str, params: dict[str, Any], label: str) -> Result:
    frame = filtered(data.frame(source), params.get("filter"))
    if params.get("value"):
        rows = dated(frame, str(params.get("date") or "date"), label)
        values = rows[str(params["value"])].astype(int)
        return Result(float(values.mean()) if len(values) else None, len(values))
    rows = dated(frame, str(params["end"]), label)
    days = _working_days(tuple(rows[params["start"]]), tuple(rows[params["end"]]))
    if not days:
        return Result(None, 0)
    if params.get("statistic", "median") == "share_over":
        over = int(params["over"])
        return Result(100.0 * sum(d > over for d in days) / len(days), len(days))
    if params.get("statistic") == "mean":
        return Result(statistics.fmean(days), len(days))
    return Result(float(statistics.median(days)), len(days))


def count(data: Data, source: str, params: dict[str, Any], label: str) -> Result:
    frame = filtered(data.frame(source), params.get("filter"))
    n = len(dated(frame, str(params["date"]), label))
    return Result(float(n), n)


def share_of_records(data: Data, source: str, params: dict[str, Any], label: str) -> Result:
    frame = filtered(data.frame(source), params.get("filter"))
    rows = dated(frame, str(params["date"]), label)
    hits = rows
    for column, values in params["where"].items():
        hits = hits[hits[column].isin(as_texts(values))]
    return Result(100.0 * len(hits) / len(rows) if len(rows) else None, len(rows))


def deadline_compliance(data: Data, source: str, params: dict[str, Any], label: str) -> Result:
    rulebook = example_rulebook()
    calendar = example_calendar()
    frame = filtered(data.frame(source), params.get("filter"))
    rows = dated(frame, str(params["end"]), label)
    ruled = met = 0
    column = params.get("group")
    groups = rows[column] if column else ["*"] * len(rows)
    for group, start, end in zip(groups, rows[params["start"]], rows[params["end"]], strict=True):
        begin, finish = date.fromisoformat(start), date.fromisoformat(end)
        try:
            rule = rulebook.rule_for(str(params["process"]), group, begin)
        except LookupError:
            continue
        ruled += 1
        if rule.unit == "calendar_days":
            met += (finish - begin).days <= rule.length
        else:
            met += calendar.working_days_between(begin, finish) <= rule.length
    return Result(100.0 * met / ruled if ruled else None, ruled)


def backlog(data: Data, source: str, params: dict[str, Any], label: str) -> Result:
    frame = filtered(data.frame(source), params.get("filter"))
    end = period_bounds(label)[1].isoformat()
    start_col = str(params.get("start") or "received_date")
    end_col = str(params.get("end") or "decided_date")
    open_ = frame[(frame[start_col] <= end) & ((frame[end_col] == "") | (frame[end_col] > end))]
    return Result(float(len(open_)), len(open_))


KINDS = {
    "duration": duration,
    "count": count,
    "share_of_records": share_of_records,
    "deadline_compliance": deadline_compliance,
    "backlog": backlog,
}


def recompute(data: Data, kind: str, source: str, params: dict[str, Any], label: str) -> Result:
    """A figure recomputed the way ``kind`` defines it, for a period label."""
    if kind == "survey_proportion":
        return survey_proportion(data, source, params, label)
    return KINDS[kind](data, source, params, label)


def round_half_up(value: float, places: int) -> float:
    factor = 10**places
    return float(np.floor(value * factor + 0.5 + 1e-9) / factor)


def decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0
