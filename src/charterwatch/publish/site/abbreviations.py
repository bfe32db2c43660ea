"""Spelling abbreviations out on their first use on every page, in one place.

Style guides for public sites (GOV.UK, the Scottish Government's) ask for an abbreviation to
be written in full the first time a page uses it: "Adult Disability Payment (ADP)". The
framework's glossary gives each abbreviation with its term (``abbreviation:``), and every
page the site renders passes through :meth:`Abbreviations.expand` (called by
:meth:`charterwatch.publish.site.build.SiteBuilder.page`), so no template repeats the rule.

What changes, and what never does:

- only text inside ``<main>``: the header, the footer and ``<title>`` are left alone;
- only text, never markup: attributes (a heading's ``id``, a link's ``href``, a chart's
  ``aria-label``) are copied byte for byte;
- never text in code, pre-formatted text, scripts, styles, charts (``<svg>``), form
  options, or an ``<abbr>`` the template wrote itself;
- only whole words written exactly as the glossary writes them: ``ADP`` but not ``ADP2``,
  ``3ADP``, ``adp`` or ``ADP-led``; a figure is never an abbreviation (the glossary refuses
  one with no letter);
- the first use in running text becomes "term (ABBR)", unless the text already says so;
  a use in a heading before that is marked ``<abbr title="term">`` instead, so headings
  stay as short as the page's title and its links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

from charterwatch.model.framework import GlossaryTerm

UNTOUCHED = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "template",
        "svg",
        "math",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "abbr",
        "textarea",
        "select",
        "option",
    }
)
"""Elements whose text is never changed."""

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
"""Elements with no end tag (never on the stack of open elements)."""

RECENT = 200
"""How much of the text before a use is kept to see whether it already spells it out."""


@dataclass(frozen=True)
class Abbreviations:
    """The glossary's abbreviations, each with the term it stands for."""

    meanings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, terms: Iterable[GlossaryTerm]) -> Abbreviations:
        """The abbreviations the glossary ``terms`` give, sorted (deterministic output)."""
        pairs = sorted((t.abbreviation, t.term) for t in terms if t.abbreviation)
        return cls(dict(pairs))

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """Any abbreviation as a whole word (no letter, digit, ``_`` or ``-`` next to it)."""
        if not self.meanings:
            return None
        longest_first = sorted(self.meanings, key=lambda a: (-len(a), a))
        words = "|".join(re.escape(a) for a in longest_first)
        return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")

    def expand(self, html: str) -> str:
        """``html`` with each abbreviation spelled out on its first use in the main text.

        The page is returned unchanged (the same string) when it uses no abbreviation.
        """
        pattern = self.pattern
        if pattern is None or not any(a in html for a in self.meanings):
            return html
        rewriter = _Rewriter(self.meanings, pattern)
        rewriter.feed(html)
        rewriter.close()
        return rewriter.result(html)


class _Rewriter(HTMLParser):
    """Walks a page once, noting which stretches of text to replace and with what."""

    def __init__(self, meanings: dict[str, str], pattern: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=False)  # text stays exactly as written
        self.meanings = meanings
        self.pattern = pattern
        self.open: list[str] = []
        self.spelled: set[str] = set()
        self.recent = ""
        self.edits: list[tuple[int, int, str]] = []
        self.line_starts = [0]

    def feed(self, data: str) -> None:
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", data))]
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:  # close it and anything left open inside it
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_entityref(self, name: str) -> None:
        self._read(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._read(unescape(f"&#{name};"))

    def _changeable(self) -> bool:
        return "main" in self.open and not UNTOUCHED.intersection(self.open)

    def _read(self, text: str) -> None:
        """Text that is read but never changed (a character reference)."""
        if self._changeable():
            self.recent = (self.recent + text)[-RECENT:]

    def handle_data(self, data: str) -> None:
        if not self._changeable():
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        in_heading = bool(HEADINGS.intersection(self.open))
        last = 0
        for match in self.pattern.finditer(data):
            abbreviation = match.group()
            if abbreviation in self.spelled:
                continue
            term = self.meanings[abbreviation]
            before = self.recent + data[last : match.start()]
            self.recent = before[-RECENT:]
            last = match.start()
            if _spells_out(before, term):
                self.spelled.add(abbreviation)
            elif in_heading:
                marked = f'<abbr title="{escape(term)}">{abbreviation}</abbr>'
                self.edits.append((start + match.start(), start + match.end(), marked))
            else:
                self.spelled.add(abbreviation)
                spelled = f"{escape(term, quote=False)} ({abbreviation})"
                self.edits.append((start + match.start(), start + match.end(), spelled))
        self.recent = (self.recent + data[last:])[-RECENT:]

    def result(self, html: str) -> str:
        """``html`` with the noted replacements made, everything else byte for byte."""
        parts: list[str] = []
        done = 0
        for begin, end, text in self.edits:
            parts += [html[done:begin], text]
            done = end
        parts.append(html[done:])
        return "".join(parts)


def _spells_out(before: str, term: str) -> bool:
    """True when the text just before a use already reads "term (" (spaces as written)."""
    flat = " ".join(before.split()).casefold()
    return flat.endswith(" ".join(term.split()).casefold() + " (")
