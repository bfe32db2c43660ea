"""Cross-checks of the glossary's abbreviations: each stands for one term (code CW-M041).

An abbreviation is spelled out on its first use on every page from the one term that gives
it, so two terms giving the same abbreviation would leave the pages guessing which to write.
(The form of each abbreviation and synonym is checked where it is read, as ``CW-F005``.)
"""

from __future__ import annotations

from collections.abc import Iterator

from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework, GlossaryTerm
from charterwatch.model.issues import Issue, Level


@rule
def abbreviations_stand_for_one_term(fw: Framework) -> Iterator[Issue]:
    """CW-M041: no two glossary terms give the same abbreviation (letter case ignored)."""
    first: dict[str, GlossaryTerm] = {}
    for term in fw.glossary.values():
        if term.abbreviation is None:
            continue
        key = term.abbreviation.casefold()
        earlier = first.setdefault(key, term)
        if earlier is term:
            continue
        where = term.origin.at("abbreviation")
        yield Issue(
            code="CW-M041",
            level=Level.ERROR,
            file=where.file,
            line=where.line,
            location=f"glossary {term.id}.abbreviation",
            message=f"glossary terms '{earlier.id}' ({earlier.origin.at('abbreviation')}) and "
            f"'{term.id}' both give the abbreviation '{term.abbreviation}', so the pages "
            "cannot tell which one to spell out",
            expected="an abbreviation that stands for one term only",
            fix=f"remove 'abbreviation:' from one of them, or give '{term.id}' its own",
        )
