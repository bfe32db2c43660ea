"""Publishing a survey percentage safely: suppression for small bases, rounding, words.

A survey percentage is published with its unweighted base. The order of the rules is:

0. base of 0 (nobody answered): ``[x]``, whatever the settings;
1. base below ``min_base`` (default 50): the percentage is ``[c]``;
2. otherwise, base below ``words_below``: the percentage is given in words ("most");
   with the defaults (30 < 50) this band is empty, so words apply only when a team sets
   ``words_below`` above ``min_base`` (for example for a small panel: 10 and 50);
3. otherwise: the percentage rounded half up to ``percent_decimals`` places, or ``[k]`` if
   it is above zero but rounds to zero.

The base itself is always published rounded to ``round_bases_to`` (default 10).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from charterwatch.stats._checks import whole_number
from charterwatch.stats.rounding import format_percent, round_half_up, round_percent
from charterwatch.stats.settings import DEFAULT_SETTINGS, DisclosureSettings
from charterwatch.stats.symbols import Symbol

#: Word bands for :func:`proportion_in_words`: (lowest proportion, words), highest first.
#: Exactly 0 is "none" and exactly 1 is "all"; the bands cover everything in between.
WORD_BANDS: tuple[tuple[float, str], ...] = (
    (0.9, "almost all"),
    (0.6, "most"),
    (0.4, "about half"),
    (0.15, "some"),
    (0.0, "a few"),
)


@dataclass(frozen=True)
class ProtectedProportion:
    """What to publish for one survey percentage.

    - ``text``: the cell text: ``"94%"``, ``"[c]"``, ``"[k]"`` or words such as ``"most"``.
    - ``percent``: the rounded percentage (94.0) when a number is published, else ``None``.
    - ``base``: the unweighted base rounded to ``round_bases_to`` (always published).
    - ``base_text``: the base as cell text (``"[k]"`` if a positive base rounds to 0).
    - ``symbol``: the shorthand symbol in ``text``, if any.
    - ``in_words``: whether ``text`` is words rather than a number.
    - ``reason``: why it is shown this way; quotes only thresholds, never the raw base, so
      it is safe to publish.
    """

    text: str
    percent: float | None
    base: int
    base_text: str
    symbol: Symbol | None
    in_words: bool
    reason: str


def round_base(base: int, settings: DisclosureSettings = DEFAULT_SETTINGS) -> int:
    """An unweighted survey base rounded half up to ``settings.round_bases_to`` (people).

    Raises:
        ValueError: if ``base`` is not a whole number 0 or more.
    """
    return round_half_up(whole_number(base, "base"), settings.round_bases_to)


def proportion_in_words(p: float) -> str:
    """A proportion (fraction in [0, 1]) in plain words, for very small groups.

    ``0`` is "none" and ``1`` is "all"; otherwise "almost all" (0.9 or more), "most"
    (0.6 to under 0.9), "about half" (0.4 to under 0.6), "some" (0.15 to under 0.4) and
    "a few" (above 0, under 0.15). See :data:`WORD_BANDS`.

    Raises:
        ValueError: if ``p`` is not a number between 0 and 1.
    """
    if not math.isfinite(p) or not 0.0 <= p <= 1.0:
        raise ValueError(f"a proportion must be between 0 and 1; got {p}")
    if p == 0.0:
        return "none"
    if p == 1.0:
        return "all"
    for lowest, words in WORD_BANDS:
        if p >= lowest:
            return words
    raise AssertionError("unreachable: the last band starts at 0")  # pragma: no cover


def protect_proportion(
    p: float, base: int, settings: DisclosureSettings = DEFAULT_SETTINGS
) -> ProtectedProportion:
    """What to publish for survey proportion ``p`` (a fraction) with unweighted ``base``.

    See the module docstring for the order of the rules. ``base`` is the number of
    respondents who answered, unweighted.

    Raises:
        ValueError: if ``p`` is not between 0 and 1 or ``base`` is not a whole number 0 or
            more.
    """
    if not math.isfinite(p) or not 0.0 <= p <= 1.0:
        raise ValueError(f"a proportion must be between 0 and 1; got {p}")
    raw_base = whole_number(base, "base")
    rounded_base = round_base(raw_base, settings)
    base_text = (
        Symbol.ROUNDS_TO_ZERO.value if raw_base > 0 and rounded_base == 0 else str(rounded_base)
    )
    if raw_base == 0:
        return ProtectedProportion(
            text=Symbol.NOT_AVAILABLE.value,
            percent=None,
            base=0,
            base_text="0",
            symbol=Symbol.NOT_AVAILABLE,
            in_words=False,
            reason="not available: nobody answered",
        )
    if raw_base < settings.min_base:
        return ProtectedProportion(
            text=Symbol.CONFIDENTIAL.value,
            percent=None,
            base=rounded_base,
            base_text=base_text,
            symbol=Symbol.CONFIDENTIAL,
            in_words=False,
            reason=f"suppressed: fewer than {settings.min_base} people answered",
        )
    if raw_base < settings.words_below:
        return ProtectedProportion(
            text=proportion_in_words(p),
            percent=None,
            base=rounded_base,
            base_text=base_text,
            symbol=None,
            in_words=True,
            reason=f"in words: fewer than {settings.words_below} people answered",
        )
    percent = round_percent(p, settings.percent_decimals)
    if p > 0 and percent == 0:
        return ProtectedProportion(
            text=Symbol.ROUNDS_TO_ZERO.value,
            percent=percent,
            base=rounded_base,
            base_text=base_text,
            symbol=Symbol.ROUNDS_TO_ZERO,
            in_words=False,
            reason="above zero but rounds to 0%",
        )
    return ProtectedProportion(
        text=format_percent(percent, settings.percent_decimals),
        percent=percent,
        base=rounded_base,
        base_text=base_text,
        symbol=None,
        in_words=False,
        reason="published as a rounded percentage",
    )
