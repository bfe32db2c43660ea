"""How many records generating an example makes, worked out without making them.

Generating the Scottish example at its real scale writes millions of rows; the plan says
in an instant how many survey respondents, decisions, requests, calls and complaints each
year (and benefit) will have, by the same functions the generators use. ``charterwatch
example-data --plan`` prints it, and the tests compare it with the published counts (the
survey's respondents, re-determination requests) at the real scale, where making the whole
example would take too long for a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALL = "all"
"""The group of a volume that is not split (by benefit or otherwise)."""


@dataclass(frozen=True)
class PlannedVolume:
    """One planned count: ``count`` ``what`` (respondents, decisions ...) of ``source`` in
    ``year``, for ``group`` (a benefit, or :data:`ALL`)."""

    source: str
    year: str
    group: str
    count: int
    what: str


@dataclass
class VolumePlan:
    """Every planned count of an example at one size."""

    size: float
    volumes: list[PlannedVolume] = field(default_factory=list)

    def count(self, source: str, year: str | None = None, group: str | None = None) -> int:
        """The planned count of ``source``, in ``year`` and for ``group`` when given."""
        return sum(
            v.count
            for v in self.volumes
            if v.source == source
            and (year is None or v.year == year)
            and (group is None or v.group == group)
        )

    def lines(self) -> list[str]:
        """The plan as lines for a terminal: each source with its yearly counts."""
        out = [f"Planned records at size {self.size:g}:"]
        for source in dict.fromkeys(v.source for v in self.volumes):
            mine = [v for v in self.volumes if v.source == source]
            years = dict.fromkeys(v.year for v in mine)
            what = mine[0].what
            counts = ", ".join(f"{y} {self.count(source, y):,}" for y in years)
            out.append(f"  {source} ({what}): {counts}")
        return out
