"""The measure layer's own framework check: each measure's kind exists and its params fit.

Registered into :mod:`charterwatch.model.checks` on import, so ``charterwatch validate``
reports a misspelt kind or a wrong param with the measure's file and line (code CW-K001).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import ValidationError

from charterwatch.measures.registry import load_builtin_kinds
from charterwatch.model.checks import rule
from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, Level


@rule
def measure_kinds(fw: Framework) -> Iterator[Issue]:
    """CW-K001: unknown measure kind, or params that do not fit the kind."""
    kinds = load_builtin_kinds()
    for version in fw.frameworks.values():
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
                    yield Issue(
                        code="CW-K001",
                        level=Level.ERROR,
                        file=m.origin.file,
                        line=m.origin.at("params").line,
                        location=f"measure {m.id}.params.{where}",
                        message=f"params of measure '{m.id}' do not fit kind '{m.kind}': "
                        f"{err['msg']}",
                        expected=f"the params of '{m.kind}' in docs/measure-kinds.md",
                        fix="correct the param name or value",
                    )
