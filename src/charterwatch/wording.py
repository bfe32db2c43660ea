"""The words of the decisions in the results contract: status reasons, standard checks and
shortfall reasons, each a catalogue sentence filled with published values.

The results layer decides with codes and parameters; only this module turns them into
sentences, through the text catalogue, so a framework's own ``locales/`` can reword them and
the site, PDFs, downloads and command line say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping

from charterwatch.model.framework import Framework
from charterwatch.publish.formatting import count_in_words
from charterwatch.publish.i18n import FALLBACK, Catalogue, available_languages
from charterwatch.results.figure import (
    Assessment,
    Figure,
    ParamValue,
    Shortfall,
    StandardCheck,
    StandardKind,
)
from charterwatch.results.movement import MovementSince
from charterwatch.results.verdict import CommitmentVerdict, Verdict
from charterwatch.units import figure_text, value_text

_VALUE_PARAMS = {"before", "after", "value", "target", "floor"}
"""Parameters that are figures, worded with the figure's unit."""


def _filled(params: Mapping[str, ParamValue], unit: str) -> dict[str, str]:
    out = {}
    for name, value in params.items():
        if name in _VALUE_PARAMS and isinstance(value, int | float):
            out[name] = value_text(float(value), str(params.get("unit", unit)))
        else:
            out[name] = str(value)
    return out


def reason_text(assessment: Assessment | None, unit: str, t: Catalogue) -> str:
    """The one-sentence reason of a status."""
    if assessment is None:
        return t("common.reason.no_data", period="this year")
    return t(f"common.reason.{assessment.reason.value}", **_filled(assessment.params, unit))


def standard_text(check: StandardCheck | None, value: float | None, t: Catalogue) -> str:
    """Whether the figure meets its standard or legal target, in one sentence."""
    if check is None:
        return ""
    if check.met is None or value is None:
        return t("common.standard.no_data")
    legal = check.kind is StandardKind.LEGAL_LIMIT
    key = ("legal_" if legal else "") + ("met" if check.met else "missed")
    target = value_text(check.target, check.unit)
    if not legal:
        target = f"{check.direction.replace('_', ' ')} {target}"
    return t(f"common.standard.{key}", value=value_text(value, check.unit), target=target)


def shortfall_text(shortfall: Shortfall, unit: str, t: Catalogue) -> str:
    """One shortfall reason in words (a clause: "worse than 2022-23")."""
    params = dict(shortfall.params)
    if shortfall.reason.value == "misses_legal_limit":
        params["unit"] = "percent"
    return t(f"common.shortfall.{shortfall.reason.value}", **_filled(params, unit))


def shortfall_summary(figure: Figure, t: Catalogue) -> str:
    """Every shortfall reason of a figure, joined with semicolons."""
    return "; ".join(shortfall_text(s, figure.unit, t) for s in figure.shortfalls)


def catalogue_of(framework: Framework) -> Catalogue:
    """The catalogue in the project's language (with the framework's own ``locales/``
    wording), or English when there is none for that language."""
    language = framework.project.language
    extra = framework.root / "locales"
    known = available_languages(extra)
    return Catalogue(language if language in known else FALLBACK, extra)


def movement_text(moved: MovementSince, t: Catalogue) -> str:
    """The sentence saying how a figure moved since an action started."""
    before, after = moved.before, moved.after
    return t(
        f"common.movement.{moved.movement.value}",
        start=moved.start,
        end=after.label,
        before=figure_text(before),
        after=figure_text(after),
    )


NAMED_SHORTFALLS = 3
"""Measures named in a verdict's reason as falling short; more are counted ("2 more")."""


def verdict_label(verdict: Verdict, t: Catalogue) -> str:
    """The verdict in words: "Kept", "Partly kept", "Not kept", "We cannot tell yet"."""
    return t(f"common.verdict.label.{verdict.value}")


def verdict_reason(
    verdict: CommitmentVerdict, titles: Mapping[str, str], year: str, t: Catalogue
) -> str:
    """The reason for a verdict in one sentence, naming the measures that fell short by
    their ``titles`` (measure id -> title). It counts published measures only, never the
    withheld ones."""
    # imported here: the charts package builds on the publication, which builds on this module
    from charterwatch.publish.charts.summary import join

    names = [titles.get(m, m) for m in verdict.fell_short]
    if len(names) > NAMED_SHORTFALLS:
        rest = len(names) - NAMED_SHORTFALLS
        names = [*names[:NAMED_SHORTFALLS], t("common.verdict.others", count=rest)]
    text = t(
        f"common.verdict.reason.{verdict.reason.value}",
        judged=count_in_words(verdict.judged),
        on_track=count_in_words(verdict.on_track),
        names=join(names, t),
        year=year,
    )
    return text[:1].upper() + text[1:]
