"""Ids the site turns into folder, file and anchor names: the rule that none clash.

The site writes a folder for each framework section, commitment and measure
(``sections/<id>/``, ``commitments/<id>/``, ``measures/<id>/``) and two download files for each
measure (``downloads/data/<id>.csv`` and ``.json``), beside files of its own such as
``downloads/data/actions.csv``. An improvement action's id is the anchor of its row on the
improvement plan (``improvement-plan/index.html#<id>``). So ``charterwatch validate`` checks:

- **CW-N001** two ids of one kind differ only in upper and lower case (or a final ``.``):
  Windows and macOS ignore case, so both would be written to the same folder or file, and
  spreadsheet lookups treat them as one.
- **CW-N002** an id is a name the site uses itself (a measure ``actions`` would overwrite the
  actions table, an action ``plan-table`` would be the anchor of the plan's table) or a
  device name Windows reserves (``CON``, ``NUL``, ``COM1`` ...), where no folder can be made.

The reserved names are read from the download writers and the page templates, so they stay
true when those change. The rule is registered like any other check (see
:mod:`charterwatch.builtins`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework, Origin
from charterwatch.model.issues import Issue, Level
from charterwatch.publish.downloads.accountability import TABLES
from charterwatch.publish.downloads.formats.csv_files import (
    ALL_FIGURES,
    CITATIONS,
    DATA_DIR,
    measure_file,
)
from charterwatch.publish.downloads.formats.datapackage import FIGURES_SCHEMA

TEMPLATES = Path(__file__).resolve().parent / "templates"

WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)
"""Names Windows keeps for devices, with or without an extension, in any case."""

PLAN_PAGE_TEMPLATES = ("base.html", "plan.html")
"""The templates of the improvement plan page, where action ids are anchors."""


@dataclass(frozen=True)
class Named:
    """One id of one kind, where it is written, and the path the site gives it."""

    kind: str
    ident: str
    origin: Origin
    path: str


def data_files() -> dict[str, str]:
    """The site's own files among the measures' downloads (``data/actions.csv``: its table)."""
    own = {
        f"{DATA_DIR}/{ALL_FIGURES}": "the file of every figure",
        f"{DATA_DIR}/{CITATIONS}": "the file of published figures",
        FIGURES_SCHEMA: "the schema of the figure files",
    }
    for table in TABLES:
        what = f"the {table.key.replace('_', ' ')} table"
        own[table.csv_name()] = what
        own[table.json_name()] = what
    return own


@cache
def plan_page_anchors() -> frozenset[str]:
    """The fixed element ids of the improvement plan page (``plan-table``, ``main-content``)."""
    found: set[str] = set()
    for name in PLAN_PAGE_TEMPLATES:
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        found.update(re.findall(r'\bid="([^"{}]+)"', text))
    return frozenset(found)


def folder_key(ident: str) -> str:
    """How Windows and macOS compare a name: ignoring case and a final ``.``."""
    return ident.casefold().rstrip(".")


def named_ids(fw: Framework) -> Iterator[list[Named]]:
    """Each group of ids that share a folder: sections and measures per framework version
    (measures of all versions together, as results and downloads are), commitments per
    charter version, and the actions."""
    measures: dict[str, Named] = {}
    for version in fw.frameworks.values():
        yield [
            Named(
                "framework section",
                s.id,
                version.section_origins.get(s.id, version.origin),
                f"sections/{s.id}/",
            )
            for s in version.spec.sections
        ]
        for m in version.measures.values():
            measures.setdefault(m.id, Named("measure", m.id, m.origin, f"measures/{m.id}/"))
    yield list(measures.values())
    for charter in fw.charters.values():
        yield [
            Named("commitment", c.id, c.origin, f"commitments/{c.id}/")
            for c in charter.commitments.values()
        ]
    yield [
        Named("action", a.id, a.origin, f"improvement-plan/index.html#{a.id}")
        for a in fw.actions.values()
    ]


def _issue(code: str, named: Named, message: str, expected: str, fix: str) -> Issue:
    where = named.origin.at("id")
    return Issue(
        code=code,
        level=Level.ERROR,
        file=where.file,
        line=where.line,
        location=f"{named.kind} {named.ident}.id",
        message=message,
        expected=expected,
        fix=fix,
    )


def case_clashes(group: Iterable[Named]) -> Iterator[Issue]:
    """CW-N001 for each id that matches an earlier one of its group but for case."""
    first: dict[str, Named] = {}
    for named in group:
        earlier = first.setdefault(folder_key(named.ident), named)
        if earlier.ident == named.ident:
            continue
        how = (
            "only in upper and lower case"
            if earlier.ident.casefold() == named.ident.casefold()
            else "only in case and a final '.', which Windows drops"
        )
        yield _issue(
            "CW-N001",
            named,
            f"{named.kind} id '{named.ident}' differs from {named.kind} id '{earlier.ident}' "
            f"(at {earlier.origin}) {how}, so both would be {named.path}: one name on "
            "Windows and macOS, which ignore case",
            f"{named.kind} ids that differ in more than case",
            f"rename one of the two {named.kind}s; ids are used in URLs, file names and downloads",
        )


def reserved(named: Named) -> Iterator[Issue]:
    """CW-N002 when ``named`` is a name the site uses itself or a Windows device name."""
    kind, ident = named.kind, named.ident
    fix = f"choose another id for the {kind}, e.g. '{kind[0].upper()}-{ident}'"
    if kind == "action":
        if ident in plan_page_anchors():
            yield _issue(
                "CW-N002",
                named,
                f"action id '{ident}' is the id of a part of the improvement plan page, so "
                f"links to the action ({named.path}) would go there instead",
                "an id that is not one of: " + ", ".join(sorted(plan_page_anchors())),
                fix,
            )
        return
    if ident.split(".")[0].casefold() in WINDOWS_DEVICES:
        yield _issue(
            "CW-N002",
            named,
            f"{kind} id '{ident}' is a device name on Windows, where the folder "
            f"{named.path} cannot be made",
            "an id that is not CON, PRN, AUX, NUL, COM1 to COM9 or LPT1 to LPT9 (with or "
            "without an extension)",
            fix,
        )
    if kind == "measure":
        own = data_files()
        keys = {folder_key(name): name for name in own}
        for suffix in (".csv", ".json"):
            mine = measure_file(ident, suffix)
            taken = keys.get(folder_key(mine))
            if taken is not None:
                same = "" if taken == mine else f" (downloads/{taken})"
                yield _issue(
                    "CW-N002",
                    named,
                    f"measure id '{ident}' would give the download downloads/{mine}, which is "
                    f"{own[taken]}{same}",
                    "a measure id that is not one of: "
                    + ", ".join(sorted({n.split("/")[-1].rsplit(".", 1)[0] for n in own})),
                    fix,
                )
                return


@rule
def output_names(fw: Framework) -> Iterator[Issue]:
    """CW-N001 and CW-N002: ids used as folder, file and anchor names must not clash."""
    for group in named_ids(fw):
        yield from case_clashes(group)
        for named in group:
            yield from reserved(named)
