"""Synthetic plain records for sources with their own columns (``shape: records``).

The columns come from the source's schema: an id for the primary key, the main date in the
year (working days), text values from the recipe's weights or the field's ``enum``, numbers
in the recipe's range or the field's ``minimum`` and ``maximum``; other dates, columns that
follow from others and the declared date order are completed by
:func:`charterwatch.synthetic.columns.complete`, as for every shape. ``share_of_records``
targets on a yes/no or coded column are met exactly; a count with no filter sets the year's
volume; ``duration``, ``mean``, ``sum`` and ``ratio`` targets are met exactly by
:mod:`charterwatch.synthetic.amounts` (a duration's records are dated by its end).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from charterwatch.dates.deadlines import DeadlineRulebook
from charterwatch.dates.periods import FinancialYear
from charterwatch.model.files import SourceSchemaFile
from charterwatch.model.framework import Organisations
from charterwatch.synthetic.amounts import amount_targets, meet_amounts
from charterwatch.synthetic.categories import meet_share
from charterwatch.synthetic.columns import column_values, complete, weights_of
from charterwatch.synthetic.dates import DayMaker
from charterwatch.synthetic.deadlines import deadline_targets
from charterwatch.synthetic.draws import scaled, stream
from charterwatch.synthetic.ids import numbered
from charterwatch.synthetic.people import open_benefits
from charterwatch.synthetic.recipe import Recipe, RecordSettings
from charterwatch.synthetic.targets import Target

ORGANISATION_FACTS = {
    "organisation_name": "name",
    "organisation_type": "type",
    "peer_group": "peer_group",
    "area": "area",
    "area_code": "area_code",
}
"""Columns of a record that describe its organisation, and the field of organisations.yaml
each is taken from (so a record's type and peer group always match its organisation)."""


def make_records(
    source: str,
    schema: SourceSchemaFile,
    settings: RecordSettings,
    targets: Sequence[Target],
    recipe: Recipe,
    years: Sequence[str],
    size: float,
    days: DayMaker,
    notes: list[str],
    *,
    organisations: Organisations | None = None,
    organisation_column: str | None = None,
    rulebook: DeadlineRulebook | None = None,
) -> pd.DataFrame:
    """The source's records for each year the recipe gives a volume, sorted by date.

    With ``organisation_column``, each record's organisation is drawn from the list (the
    column's allowed values, weighted by the recipe's ``values`` if given), and the columns
    named in :data:`ORGANISATION_FACTS` follow from the organisation drawn."""
    fields = [f for f in schema.fields if f.name != "synthetic"]
    facts = {}
    if organisations and organisation_column in {f.name for f in fields}:
        facts = {f.name: ORGANISATION_FACTS[f.name] for f in fields if f.name in ORGANISATION_FACTS}
    dates = [f.name for f in fields if f.type in ("date", "datetime")]
    # a duration's records are dated by its end (the start is worked back from it)
    timed = [t for t in amount_targets(targets) if t.kind == "duration"]
    timed += deadline_targets(targets)
    ends = [str(t.params.get("date") or t.params.get("end")) for t in timed]
    used = [str(t.params.get("date")) for t in targets if t.params.get("date")]
    used = [e for e in ends if e in dates] + used
    main_date = used[0] if used else (dates[0] if dates else None)
    key = schema.primary_key[0] if schema.primary_key else None
    frames = []
    for year in years:
        n = record_volume(settings, targets, year, size, notes)
        if n == 0:
            continue
        rng = stream(recipe.seed, source, year)
        fy = FinancialYear.parse(year)
        frame: dict[str, object] = {}
        for f in fields:
            if f.name == key or f.name in facts:
                continue
            if f.name == main_date and settings.snapshot:
                frame[f.name] = np.full(n, np.datetime64(fy.end, "D"))
            elif f.name == main_date:
                frame[f.name] = days.spread(rng, n, fy.start, fy.end)
            elif f.type in ("date", "datetime"):
                continue  # placed from the dates it is ordered against, by complete()
            elif f.name in settings.follows:
                continue  # follows from another column, by complete()
            else:
                weights = weights_of(f, settings)
                if f.name == "benefit":
                    weights = open_benefits(recipe.benefits, weights, year)
                frame[f.name] = column_values(f, settings, rng, n, notes, source, weights)
        if facts and organisations is not None and organisation_column is not None:
            drawn = frame[organisation_column]
            assert isinstance(drawn, np.ndarray)
            for name, attribute in facts.items():
                lookup = {o.id: getattr(o, attribute) for o in organisations}
                frame[name] = np.array([lookup.get(str(v)) for v in drawn], dtype=object)
        frames.append(pd.DataFrame(frame))
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    fixed = [main_date] if main_date else []
    undeclared = schema.model_copy(update={"fields": [f for f in fields if f.name != key]})
    complete(
        out, undeclared, settings, stream(recipe.seed, source, "columns"), notes, source, fixed
    )
    for target in targets:
        if target.kind == "share_of_records":
            column = str(target.params.get("date") or main_date)
            where = next(iter((target.params.get("where") or {"": []}).keys()))
            field = next((f for f in fields if f.name == where), None)
            weights = weights_of(field, settings) if field is not None else {}
            rng = stream(recipe.seed, source, "share", target.key, target.period.label)
            note = meet_share(rng, out, target, column, weights)
            if note:
                notes.append(note)
    if any(t.kind == "share_of_records" for t in targets):
        # a share met by changing a column must carry through to the columns following it
        complete(
            out, undeclared, settings, stream(recipe.seed, source, "after"), notes, source, fixed
        )
    meet_amounts(
        out,
        targets,
        fields,
        settings,
        recipe.seed,
        source,
        days,
        notes,
        organisation_column if organisation_column in out else None,
        rulebook,
    )
    if main_date:
        out = out.sort_values(main_date, kind="stable").reset_index(drop=True)
    if key:
        prefix = "".join(w[0] for w in source.split("_")).upper()
        out.insert(0, key, numbered(prefix, len(out), 6))
    return out


def record_volume(
    settings: RecordSettings, targets: Sequence[Target], year: str, size: float, notes: list[str]
) -> int:
    """Records of the source in ``year`` at ``size``: a published count for the year where
    there is one, else the recipe's volume."""
    for t in targets:
        if t.kind == "count" and t.year == year and t.period.is_year:
            if t.filters:
                notes.append(f"{t.describe()}: a count with a filter is not calibrated")
            else:
                return scaled(t.value, size)
    return scaled(settings.volumes.get(year, 0), size)
