"""The draft of the yearly report on the charter, in Markdown, for editors to finish.

A charter's law or its owners often ask for a yearly report of what was done to keep its
commitments, with the effect on people with protected characteristics and the equality data
used (the shipped example's Act does: its wording is in ``examples/scotland/locales``).
:func:`draft_annual_report` writes that report's first draft from what charterwatch already
holds: per Charter section the improvement actions done or in progress in the year (with their
effect and the measures' movements), the year's "You said, we did" entries and the headline
figures (base, interval, status); the year's figures broken down by an equality field, as
published (withheld cells stay ``[c]``); which sources carry which equality fields; and every
recommendation with its response. Nothing is computed here and nothing depends on the clock, so
the same store and framework give the same text. Wording comes from the catalogue
(``annual_report.*``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from charterwatch.dates.periods import FinancialYear
from charterwatch.model.accountability import ActionStatus, Recommendation
from charterwatch.publish.formatting import base_text, figure_text, interval_text, value_text
from charterwatch.publish.i18n import FALLBACK, Catalogue, available_languages
from charterwatch.publish.responses import ActionView, Responses
from charterwatch.publish.view import MeasureView, Publication, SectionView
from charterwatch.results.figure import Figure
from charterwatch.results.store import ResultsStore
from charterwatch.sources.shapes import EQUALITY_FIELDS

Row = Figure
K = "annual_report."


def draft_annual_report(pub: Publication, store: ResultsStore, responses: Responses) -> str:
    """The Markdown draft of the annual report for ``pub.year`` (a financial year, ``2024-25``).

    ``responses`` is :func:`~charterwatch.publish.responses.build_responses` for ``pub``;
    actions are described as they stood on its ``as_of`` date. Breakdowns are read from the
    stored rows of ``pub.year`` whose breakdown is an equality field. The wording comes from
    the catalogue, with the framework folder's own ``locales/`` winning (a charter under
    another law overrides ``annual_report.scope``).
    """
    extra = pub.framework.root / "locales"
    language = pub.framework.project.language or FALLBACK
    t = Catalogue(language if language in available_languages(extra) else FALLBACK, extra)
    year = FinancialYear.parse(pub.year)
    name = pub.framework.project.name
    out = [f"# {t(K + 'title', name=name, year=pub.year)}", "", f"> {_one_line(t(K + 'banner'))}"]
    if pub.synthetic:
        out += [">", f"> {_one_line(t(K + 'synthetic'))}"]
    if _any_illustrative(responses):
        out += [">", f"> {_one_line(t(K + 'illustrative'))}"]
    scope = t(
        K + "scope",
        year=pub.year,
        start=year.start_year,
        end=year.end_year,
        as_of=responses.as_of.isoformat(),
    )
    out += ["", _one_line(scope), ""]
    for section in pub.sections:
        out += _section(t, pub, section, responses, year)
    breakdowns = _equality_rows(pub, store)
    out += _equality(t, pub, breakdowns)
    out += _equality_data(t, pub, breakdowns)
    out += _recommendations(t, responses)
    return "\n".join(out).rstrip("\n") + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: object) -> str:
    """Text safe in a Markdown table cell: one line, pipes escaped."""
    return _one_line(str(text)).replace("|", "\\|")


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |"]
    lines.append("|" + "---|" * len(headers))
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _joined(t: Catalogue, items: Sequence[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (or with ``or``)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t(K + word) + items[-1]


def _any_illustrative(responses: Responses) -> bool:
    return (
        any(v.action.illustrative for v in responses.actions)
        or any(r.illustrative for r in responses.recommendations)
        or any(y.illustrative for y in responses.you_said_we_did)
    )


def _example(t: Catalogue, illustrative: bool) -> str:
    return t(K + "example") if illustrative else ""


def _charter_sections(pub: Publication, commitments: Iterable[str]) -> set[str]:
    """The framework sections whose charter section holds any of these commitments."""
    charter = {c.section for cid in commitments if (c := pub.commitments.get(cid))}
    return {s.id for s in pub.sections if s.framework_section.charter_section in charter}


def _measure_sections(pub: Publication, measures: Iterable[str]) -> set[str]:
    return {view.measure.section for mid in measures if (view := pub.measures.get(mid))}


def _active_in(view: ActionView, year: FinancialYear) -> bool:
    """Done or in progress during the year: started by its end and not finished before it."""
    a = view.action
    if a.status not in (ActionStatus.DONE, ActionStatus.IN_PROGRESS) or a.start > year.end:
        return False
    if a.status is ActionStatus.DONE:
        finished = max((u.date for u in a.updates), default=a.due)
        return finished >= year.start
    return True


def _section(
    t: Catalogue, pub: Publication, section: SectionView, responses: Responses, year: FinancialYear
) -> list[str]:
    out = [f"## {section.charter_section.title}", ""]
    out += [t(K + "section_note", year=pub.year), "", f"### {t(K + 'done_heading')}", ""]
    out += [f"#### {t(K + 'actions_heading')}", ""]
    actions = [
        v
        for v in responses.in_plan_order()
        if _active_in(v, year)
        and section.id in set(v.sections) | _charter_sections(pub, v.action.commitments)
    ]
    for view in actions:
        out += _action(t, view)
    if not actions:
        out += [t(K + "actions_none", year=pub.year), ""]
    out += [f"#### {t(K + 'you_said_heading')}", ""]
    entries = [
        y
        for y in responses.you_said_we_did
        if year.contains(y.date)
        and section.id in _measure_sections(pub, y.measures) | _charter_sections(pub, y.commitments)
    ]
    for y in entries:
        text = t(
            K + "you_said",
            theme=_one_line(y.theme),
            action=_one_line(y.action_taken),
            example=_example(t, y.illustrative),
            date=y.date.isoformat(),
            source=t(f"{K}sources.{y.source}"),
        )
        out.append(f"- {text}")
    out += [""] if entries else [t(K + "you_said_none", year=pub.year), ""]
    out += [f"### {t(K + 'figures_heading')}", ""]
    if not section.measures:
        return [*out, t(K + "figures_none"), ""]
    return out + _figures(t, pub, section.measures)


def _status_word(t: Catalogue, view: ActionView) -> str:
    words = t(f"{K}action_status.{view.action.status.value}")
    return t(K + "overdue", status=words) if view.overdue else words


def _action(t: Catalogue, view: ActionView) -> list[str]:
    a = view.action
    text = t(
        K + "action",
        id=a.id,
        title=a.title,
        example=_example(t, a.illustrative),
        status=_status_word(t, view),
        start=a.start.isoformat(),
        due=a.due.isoformat(),
        owner=a.owner,
        change=_one_line(a.change),
    )
    details = []
    if a.effect:
        details.append(t(K + "action_effect", effect=_one_line(a.effect)))
    details += [t(K + "action_movement", movement=m) for m in view.movements]
    if view.latest_update:
        details.append(t(K + "action_latest", update=_one_line(view.latest_update)))
    return [f"- {text}", *(f"  - {d}" for d in details), ""]


def _figures(t: Catalogue, pub: Publication, measures: list[MeasureView]) -> list[str]:
    h = K + "headers."
    headers = [
        t(h + "measure"),
        t(h + "figure", year=pub.year),
        t(h + "base"),
        t(h + "interval"),
        t(h + "status"),
        t(h + "reason"),
    ]
    none = t(K + "none")
    rows = [
        [
            f"{m.id} {m.measure.title}",
            m.headline_text if m.latest else none,
            m.base_text or none,
            m.interval_text or none,
            t(f"{K}status.{m.status_group}"),
            m.reason or none,
        ]
        for m in measures
    ]
    return _table(headers, rows)


def _equality_rows(pub: Publication, store: ResultsStore) -> dict[tuple[str, str], list[Row]]:
    """The year's stored headline-statistic rows by (measure, equality field), groups sorted."""
    found: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in store.query(period=pub.year, statistic="value"):
        if row.breakdown in EQUALITY_FIELDS and row.measure in pub.measures:
            found[(row.measure, row.breakdown)].append(row)
    order = {m: i for i, m in enumerate(pub.measures)}
    keys = sorted(found, key=lambda k: (order[k[0]], EQUALITY_FIELDS.index(k[1])))
    return {k: sorted(found[k], key=lambda r: str(r.group)) for k in keys}


def _equality(t: Catalogue, pub: Publication, rows: dict[tuple[str, str], list[Row]]) -> list[str]:
    out = [f"## {t(K + 'equality_heading')}", ""]
    if not rows:
        return [*out, _one_line(t(K + "no_breakdowns", year=pub.year)), ""]
    out += [_one_line(t(K + "equality_intro", year=pub.year)), ""]
    h = K + "headers."
    none = t(K + "none")
    for (measure_id, field), group_rows in rows.items():
        view = pub.measures[measure_id]
        words = t(f"{K}fields.{field}")
        caption = t(K + "equality_table", id=measure_id, title=view.measure.title, field=words)
        out += [f"### {caption}", ""]
        table = [
            [
                r.group,
                figure_text(r),
                base_text(r) or none,
                interval_text(r) or none,
            ]
            for r in group_rows
        ]
        headers = [t(h + "group"), t(h + "figure", year=pub.year), t(h + "base"), t(h + "interval")]
        out += _table(headers, table)
        out += [_comparison(t, group_rows, words), ""]
    used = {field for _, field in rows}
    missing = [t(f"{K}fields.{f}") for f in EQUALITY_FIELDS if f not in used]
    if missing:
        out += [t(K + "missing_fields", fields=_joined(t, missing, "or"), year=pub.year), ""]
    return out


def _comparison(t: Catalogue, rows: list[Row], field: str) -> str:
    """The highest and lowest published group, and whether their intervals overlap."""
    published = [r for r in rows if r.value is not None]
    if len(published) < 2:
        return t(K + "too_few", field=field)
    high_value = max(r.value or 0.0 for r in published)
    low_value = min(r.value or 0.0 for r in published)
    unit = published[0].unit
    if high_value == low_value:
        return t(K + "same_everywhere", figure=value_text(high_value, unit))
    highs = [r for r in published if r.value == high_value]
    lows = [r for r in published if r.value == low_value]
    sentence = t(
        K + "highest_lowest",
        high=value_text(high_value, unit),
        high_groups=_joined(t, [str(r.group) for r in highs]),
        low=value_text(low_value, unit),
        low_groups=_joined(t, [str(r.group) for r in lows]),
    )
    floors = [r.ci_low for r in highs if r.ci_low is not None]
    ceilings = [r.ci_high for r in lows if r.ci_high is not None]
    if len(floors) < len(highs) or len(ceilings) < len(lows):
        return f"{sentence} {t(K + 'no_intervals')}"
    high_floor = min(floors)
    low_ceiling = max(ceilings)
    return f"{sentence} {t(K + ('overlap' if high_floor <= low_ceiling else 'apart'))}"


def _equality_data(
    t: Catalogue, pub: Publication, rows: dict[tuple[str, str], list[Row]]
) -> list[str]:
    """Which sources carry which equality fields: used for the year's figures, or declared."""
    out = [f"## {t(K + 'data_heading')}", ""]
    used: dict[str, set[str]] = defaultdict(set)
    measures: dict[str, set[str]] = defaultdict(set)
    for (measure_id, field), group_rows in rows.items():
        for row in group_rows:
            for source_id in sorted(row.provenance):
                if source_id in pub.framework.sources:
                    used[source_id].add(field)
                    measures[source_id].add(measure_id)
    table = []
    for source_id, source in sorted(pub.framework.sources.items()):
        declared = {f.name for f in (source.schema_.fields if source.schema_ else [])}
        declared = (declared & set(EQUALITY_FIELDS)) - used[source_id]
        cells = []
        if used[source_id]:
            cells.append(_field_words(t, used[source_id]))
        if declared:
            cells.append(t(K + "data_declared", fields=_field_words(t, declared)))
        if cells:
            order = {m: i for i, m in enumerate(pub.measures)}
            ids = sorted(measures[source_id], key=lambda m: order[m])
            table.append([source.name, "; ".join(cells), ", ".join(ids) or t(K + "none")])
    if table:
        h = K + "headers."
        headers = [t(h + "source"), t(h + "fields"), t(h + "measures", year=pub.year)]
        out += [t(K + "data_intro", year=pub.year), "", *_table(headers, table)]
    else:
        out += [t(K + "data_none", year=pub.year), ""]
    return [*out, t(K + "data_note"), ""]


def _field_words(t: Catalogue, fields: set[str]) -> str:
    return _joined(t, [t(f"{K}fields.{f}") for f in EQUALITY_FIELDS if f in fields])


def _recommendations(t: Catalogue, responses: Responses) -> list[str]:
    out = [f"## {t(K + 'recommendations_heading')}", ""]
    if not responses.recommendations:
        return [*out, t(K + "recommendations_none"), ""]
    for r in responses.recommendations:
        out += _recommendation(t, r, responses)
    return out


def _recommendation(t: Catalogue, r: Recommendation, responses: Responses) -> list[str]:
    heading = t(
        K + "recommendation_heading", id=r.id, body=r.body, example=_example(t, r.illustrative)
    )
    response = t(f"{K}response.{r.response}")
    lines = [
        t(K + "recommendation_text", text=_one_line(r.text)),
        t(K + "recommendation_made", date=_date(r.date)),
    ]
    if r.report:
        report = f"[{_one_line(r.report)}]({r.report_url})" if r.report_url else r.report
        lines.insert(1, t(K + "recommendation_report", report=_one_line(report)))
    if r.response_date:
        lines.append(
            t(K + "recommendation_response_on", response=response, date=_date(r.response_date))
        )
    else:
        lines.append(t(K + "recommendation_response", response=response))
    if r.response_reason:
        lines.append(t(K + "recommendation_reason", reason=_one_line(r.response_reason)))
    linked = []
    for action_id in r.actions:
        view = responses.action(action_id)
        if view is None:
            linked.append(action_id)
        else:
            status = _status_word(t, view)
            linked.append(
                t(K + "linked_action", id=action_id, title=view.action.title, status=status)
            )
    if linked:
        lines.append(t(K + "recommendation_actions", actions="; ".join(linked)))
    lines.append(t(K + "recommendation_follow_up", follow_up=t(f"{K}follow_up.{r.follow_up}")))
    return [f"### {heading}", "", *(f"- {line}" for line in lines), ""]


def _date(day: dt.date) -> str:
    return day.isoformat()
