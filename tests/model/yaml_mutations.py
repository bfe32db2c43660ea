"""Ways to break the lines of a framework YAML file, shared by the fuzz tests.

Random bytes, anchors and aliases (bombs and loops included), tags, impossible or far-off
dates, odd ids and URLs, deleted or repeated lines, and values of the wrong type.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

Mutation = Callable[[list[str]], list[str]]

TAGS = [
    "!include other.yaml",
    "!!python/object/apply:os.system ['echo owned']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!float not-a-number",
    "!!int twelve",
    "!!bool maybe",
    "!!timestamp 2025-02-29",
    "!custom value",
    "!!str 1.10",
    "!!omap [{a: 1}]",
]
ODD_VALUES = [
    "[]",
    "{}",
    "null",
    "~",
    "123",
    "-1",
    "1e309",
    "9" * 5000,
    "true",
    "yes",
    '""',
    "'x' " * 50,
    "[a, [b, [c]]]",
    "{a: {b: {c: d}}}",
    "=",
    "<<",
    "https://example.org/%00",
    "javascript:alert(1)",
    "ftp://[::1",
    "a" * 300,
    "M 1",
    "../../etc/passwd",
    "é✓\u202e",
    "2025-02-29",
    "9999-12-31",
    "0000-01-01",
    "2019-13-01",
    "2031-04-01",
    "9999-00",
    "2023-25",
]


def _replace_value(lines: list[str], index: int, value: str) -> list[str]:
    line = lines[index]
    if ":" in line:
        key = line.split(":", 1)[0]
        lines[index] = f"{key}: {value}"
    else:
        lines[index] = line + " " + value
    return lines


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, Mutation]:
    """A description and a function that breaks the lines of one file."""
    choice = draw(st.integers(0, 9))
    at = draw(st.integers(0, 10_000))

    def pick(lines: list[str]) -> int:
        return at % max(len(lines), 1)

    if choice == 0:
        junk = draw(st.binary(min_size=1, max_size=12)).decode("latin-1")
        return f"bytes {junk!r}", lambda ls: _insert(ls, pick(ls), junk)
    if choice == 1:
        tag = draw(st.sampled_from(TAGS))
        return f"tag {tag}", lambda ls: _replace_value(ls, pick(ls), tag)
    if choice == 2:
        value = draw(st.sampled_from(ODD_VALUES))
        return f"value {value[:20]}", lambda ls: _replace_value(ls, pick(ls), value)
    if choice == 3:
        y, m, d = draw(st.integers(0, 9999)), draw(st.integers(0, 99)), draw(st.integers(0, 99))
        date = f"{y:04d}-{m:02d}-{d:02d}"
        return f"date {date}", lambda ls: _replace_value(ls, pick(ls), date)
    if choice == 4:
        text = draw(st.text(max_size=30))
        return f"text {text!r}", lambda ls: _replace_value(ls, pick(ls), text)
    if choice == 5:
        return "delete a line", lambda ls: ls[: pick(ls)] + ls[pick(ls) + 1 :]
    if choice == 6:
        return "repeat a line", lambda ls: _insert(ls, pick(ls), ls[pick(ls)] if ls else "")
    if choice == 7:
        levels = draw(st.integers(1, 12))
        return f"alias bomb {levels}", lambda ls: ls + _bomb(levels)
    if choice == 8:
        alias = draw(st.sampled_from(["*a", "<<: *a", "&a [*a]", "&a {x: *a}", "*missing"]))

        def aliased(ls: list[str]) -> list[str]:
            i = pick(ls)
            ls = _replace_value(ls, i, "&a " + (ls[i].split(":", 1)[1] if ":" in ls[i] else "x"))
            j = (i + 1 + at) % max(len(ls), 1)
            return _replace_value(ls, j, alias)

        return f"alias {alias}", aliased
    width = draw(st.integers(0, 8))
    return f"indent {width}", lambda ls: _insert(ls, pick(ls), " " * width + "- x: [")


def _insert(lines: list[str], index: int, text: str) -> list[str]:
    return [*lines[:index], text, *lines[index:]]


def _bomb(levels: int) -> list[str]:
    out = ["bomb:", "  - &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, levels + 1):
        out.append(f"  - &b{n} [" + ", ".join([f"*b{n - 1}"] * 10) + "]")
    return out
