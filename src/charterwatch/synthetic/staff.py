"""Synthetic staff headcounts: directly employed staff at each year end, by equality group.

One row per year, characteristic and group (``total``/``all`` for everyone); each
characteristic's groups add up exactly to the year's headcount.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from charterwatch.synthetic.draws import scaled, split_counts
from charterwatch.synthetic.recipe import StaffSettings


def make_staff(settings: StaffSettings, years: Sequence[str], size: float) -> pd.DataFrame:
    """Headcount rows for each year the recipe gives, sorted by year, characteristic, group."""
    rows = []
    for year in years:
        if year not in settings.headcount:
            continue
        total = scaled(settings.headcount[year], size)
        rows.append({"year": year, "characteristic": "total", "group": "all", "headcount": total})
        for characteristic, shares in settings.groups.items():
            counts = split_counts(total, list(shares.values()))
            for group, count in zip(shares, counts, strict=True):
                rows.append(
                    {
                        "year": year,
                        "characteristic": characteristic,
                        "group": group,
                        "headcount": count,
                    }
                )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["year", "characteristic", "group"], kind="stable").reset_index(
        drop=True
    )
