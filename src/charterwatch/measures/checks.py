"""The measure layer's own framework check: each measure's kind exists and its params fit.

Registered into :mod:`charterwatch.model.checks` on import, so ``charterwatch validate``
reports a misspelt kind or a wrong param with the measure's file and line (code CW-K001).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from charterwatch.measures.registry import MeasureKind, load_builtin_kinds
from charterwatch.model.checks import rule
from charterwatch.model.errors import model_at, nested_place, placement_hint, upper_place
from charterwatch.model.files import MeasureFile
from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, Level


@rule
def measure_kinds(fw: Framework) -> Iterator[Issue]:
    """CW-K001: unknown measure kind, or params that do not fit the kind."""
    kinds = load_builtin_kinds()
    for version in fw.own_versions():
        for m in version.measures.values():
            kind = kinds.get(m.kind)
            if kind is None:
                guess = difflib.get_close_matches(m.kind, list(kinds), n=1)
                yield Issue(
                    code="CW-K001",
                    level=Level.ERROR,
                    file=m.origin.file,
                    line=m.origin.at("kind").line,
                    location=f"measure {m.id}.kind",
                    message=f"measure '{m.id}' has unknown kind '{m.kind}'",
                    expected="one of: " + ", ".join(sorted(kinds)),
                    fix=f"did you mean '{guess[0]}'?" if guess else "use a kind listed above",
                )
                continue
            try:
                kind.params(m)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    where = ".".join(str(p) for p in err["loc"])
                    placed = None
                    if err["type"] == "extra_forbidden":
                        placed = misplaced_param(kind, tuple(err["loc"]), kinds)
                    yield Issue(
                        code="CW-K001",
                        level=Level.ERROR,
                        file=m.origin.file,
                        line=m.origin.near(f"params.{where}").line,
                        location=f"measure {m.id}.params.{where}",
                        message=f"params of measure '{m.id}' do not fit kind '{m.kind}': "
                        f"{err['msg']}",
                        expected=f"the params of '{m.kind}' in docs/measure-kinds.md",
                        fix=placed or "correct the param name or value",
                    )


def misplaced_param(
    kind: MeasureKind, loc: tuple[Any, ...], kinds: Mapping[str, MeasureKind]
) -> str | None:
    """Advice for an unknown key inside ``params:`` (its path ``loc``): a field of the
    measure, a key of a nested or the enclosing level, or a param of another kind."""
    name = str(loc[-1])
    if len(loc) == 1 and name in MeasureFile.model_fields:
        return f"'{name}' is a field of the measure, not a param: move it out of 'params:'"
    owner = model_at(kind.Params, loc[:-1])
    placed = None if owner is None else nested_place(owner, name)
    placed = placed or upper_place(kind.Params, loc, name)
    if placed:
        return f"{placed}: move it there"
    others = sorted(
        k.name for k in kinds.values() if k is not kind and name in k.Params.model_fields
    )
    if len(loc) == 1 and others:
        return (
            f"'{name}' is a param of kind {', '.join(others)}, not of kind '{kind.name}': "
            "remove it, or change the measure's kind"
        )
    return None


@placement_hint
def kind_param_at_measure_level(
    owner: type[BaseModel], name: str, written_in: Mapping[str, Any]
) -> str | None:
    """ "'breakdowns' belongs under 'params:'" for a kind's param written beside ``kind:``."""
    if not issubclass(owner, MeasureFile):
        return None
    kinds = load_builtin_kinds()
    kind = kinds.get(str(written_in.get("kind", "")))
    if kind is not None and name in kind.Params.model_fields:
        return f"'{name}' belongs under 'params:' (a param of kind '{kind.name}')"
    if kind is None and any(name in k.Params.model_fields for k in kinds.values()):
        return f"'{name}' belongs under 'params:'"
    return None
