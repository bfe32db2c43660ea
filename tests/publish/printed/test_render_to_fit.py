"""Finding the fullest layout that fits by halving the list gives what trying each in turn
gives, in fewer layouts."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest

from charterwatch.publish.printed import render as render_module
from charterwatch.publish.printed.render import Rendered, render_to_fit


def first_fit(pages: list[int], limit: int) -> int | None:
    return next((i for i, p in enumerate(pages) if p <= limit), None)


def sequences() -> list[list[int]]:
    """Every page-count list of length 1 to 9 that does not grow (fullest first)."""
    out = []
    for length in range(1, 10):
        for counts in itertools.combinations_with_replacement(range(4, 0, -1), length):
            out.append(list(counts))
    return out


@pytest.mark.parametrize("limit", [1, 2])
def test_halving_finds_the_first_layout_that_fits(
    limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pages in sequences():
        laid_out: list[int] = []

        def lay_out(
            template: str, context: Any, stylesheet: str, laid_out: list[int] = laid_out
        ) -> Rendered:
            laid_out.append(context["index"])
            return Rendered(document=context["index"], pages=context["pages"])

        monkeypatch.setattr(render_module, "render", lay_out)
        contexts = [lambda i=i, p=p: {"index": i, "pages": p} for i, p in enumerate(pages)]
        expected = first_fit(pages, limit)
        if expected is None:
            with pytest.raises(ValueError, match=f"takes {pages[-1]} pages"):
                render_to_fit("leaflet", "css", contexts, limit)
        else:
            found = render_to_fit("leaflet", "css", contexts, limit)
            assert found.document == expected, (pages, laid_out)
        assert len(laid_out) <= 2 + math.floor(math.log2(len(pages))), (pages, laid_out)
        assert len(set(laid_out)) == len(laid_out), "a layout was made twice"
