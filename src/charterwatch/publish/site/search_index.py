"""The site's search index: every page's title, headings and plain text, made from the pages.

The index is made after every other page is written (or copied from the previous site), by
reading the pages themselves, so a page type added later is found without a change here.
From each page it keeps what a reader searches for, not the HTML: the title (``<h1>`` and
the label above it, such as "Measure M2.01"), the other headings, the words of the main
text (figures left out) and a short snippet (the first paragraph). Each glossary term is an
entry of its own, pointing at its place on the glossary page.

The search runs in the reader's browser (``static/search.js``), with no server: the index
is a script, ``search/search-index.js``, that the search page loads, so it works from a
file system as well as a web server. To stay small enough for a phone it holds each
distinct word once, with the pages it is on and where on the page (title, heading or text),
packed into a few characters (:func:`encode_postings`): an inverted index, not the pages'
text. The larger shipped example's index is about 85 KB (30 KB as a server compresses it).

Words are compared in one form, made by :func:`words` here and the same steps in the
script: lower case, accents dropped, letters and digits only; a word joined by a hyphen or
an apostrophe ("re-determination") is kept whole ("redetermination") and in its parts.

The framework's glossary says which words mean the same (:func:`synonym_groups`): a term,
its abbreviation and its synonyms. Nothing here knows any charter's words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from charterwatch.model.framework import GlossaryTerm

INDEX = "search/search-index.js"
"""Where the index is written in the site (beside the search page)."""

SEARCH_PAGE = "search/index.html"

SNIPPET = 160
"""The longest snippet shown under a result, in characters."""

TITLE, HEADING, TEXT = 3, 2, 1
"""Where on a page a word is, best first (the script weighs them in this order)."""

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_JOINERS = re.compile(r"['’\-]")
_SKIPPED = frozenset({"script", "style", "template", "svg", "math", "noscript", "button"})
_MAIN = re.compile(r"<main\b.*?</main\s*>", re.S | re.I)
_UNREAD = re.compile(r"<(svg|script|style|template)\b.*?</\1\s*>", re.S | re.I)
"""Blocks cut out before the page is read: charts are most of a measure page's markup."""
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def flatten(text: str) -> str:
    """``text`` in lower case with accents dropped (``Café`` becomes ``cafe``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


def words(text: str, parts: bool = True) -> list[str]:
    """The words of ``text`` as the index compares them, in order, repeats kept.

    A hyphenated or apostrophised word gives its joined form, then (with ``parts``) each
    part: "Re-determination" gives ``redetermination``, ``re``, ``determination``.
    """
    out: list[str] = []
    for match in _WORD.finditer(flatten(text)):
        pieces = [p for p in _JOINERS.split(match.group()) if p]
        out.append("".join(pieces))
        if parts and len(pieces) > 1:
            out.extend(pieces)
    return out


@dataclass(frozen=True)
class PageText:
    """What a page says, read from its ``<main>``: what the index keeps of it."""

    title: str
    label: str
    headings: list[str]
    text: str
    snippet: str


def page_text(html: str) -> PageText:
    """The title, label, headings, plain text and snippet of a rendered page."""
    reader = _PageReader()
    main = _MAIN.search(html)
    reader.feed(_UNREAD.sub(" ", main.group() if main else ""))
    reader.close()
    heading_texts = [_clean(h) for h in reader.headings if _clean(h)]
    paragraphs = [_clean(p) for p in reader.paragraphs]
    return PageText(
        title=_clean(reader.title),
        label=_clean(reader.label),
        headings=heading_texts,
        text=_clean(" ".join(reader.text)),
        snippet=shorten(next((p for p in paragraphs if p), "")),
    )


class _PageReader(HTMLParser):
    """Collects the text of ``<main>`` by where it is: title, label, headings, the rest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, class)
        self.title = ""
        self.label = ""
        self.headings: list[str] = []
        self.paragraphs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.text.append(" ")
            return
        classes = next((v or "" for k, v in attrs if k == "class"), "")
        self.open.append((tag, classes))
        if not self._inside():
            return
        if tag in _HEADINGS:
            self.headings.append("")
        elif tag == "p" and not self._within("h1") and not self._labelled():
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        tags = [t for t, _ in self.open]
        if tag in tags:
            del self.open[len(tags) - 1 - tags[::-1].index(tag) :]
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._inside() or any(t in _SKIPPED for t, _ in self.open):
            return
        if self._within("h1"):
            self.title += data
        elif self._labelled():
            self.label += data
        elif any(t in _HEADINGS for t, _ in self.open):
            self.headings[-1] += data
        else:
            self.text.append(data)
            if self._within("p") and self.paragraphs:
                self.paragraphs[-1] += data

    def _inside(self) -> bool:
        return self._within("main")

    def _within(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.open)

    def _labelled(self) -> bool:
        """Inside the page header's label ("Measure M2.01"), which the title includes."""
        return any("ds_page-header__label" in c.split() for _, c in self.open)


def _clean(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int = SNIPPET) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


@dataclass(frozen=True)
class Entry:
    """One search result: a page, or a glossary term's place on the glossary page."""

    url: str
    title: str
    kind: str
    snippet: str
    title_words: frozenset[str]
    heading_words: frozenset[str]
    text_words: frozenset[str]


def page_entry(path: str, html: str, kind: str) -> Entry:
    """The entry of the page at ``path`` (relative to the site); ``kind`` is shown when
    the page has no label of its own."""
    page = page_text(html)
    title = page.title or path
    return Entry(
        url=path,
        title=title,
        kind=page.label or kind,
        snippet=page.snippet,
        title_words=frozenset(words(f"{title} {page.label}")),
        heading_words=_searchable(words(" ".join(page.headings))),
        text_words=_searchable(words(page.text)),
    )


def _searchable(found: Iterable[str]) -> frozenset[str]:
    """Words worth finding in headings and text: not single letters, not bare figures
    (the tables of figures would fill the index with numbers nobody searches for)."""
    return frozenset(w for w in found if len(w) > 1 and not w.isdigit())


def glossary_entries(
    glossary: Mapping[str, GlossaryTerm], kind: str, page: str = "glossary/index.html"
) -> list[Entry]:
    """An entry for each glossary term, at its place on the glossary page."""
    out = []
    for term in glossary.values():
        title = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
        out.append(
            Entry(
                url=f"{page}#{term.id}",
                title=title,
                kind=kind,
                snippet=shorten(_clean(term.definition)),
                title_words=frozenset(words(title)),
                heading_words=frozenset(),
                text_words=_searchable(words(term.definition)),
            )
        )
    return out


def site_entries(
    out: Path,
    pages: Iterable[str],
    glossary: Mapping[str, GlossaryTerm],
    page_kind: str,
    term_kind: str,
) -> list[Entry]:
    """Every page in ``pages`` (paths in the site ``out``) but the search page, then every
    glossary term; in path order, then term order, so equal sites give equal indexes."""
    found = [
        page_entry(path, (out / path).read_text(encoding="utf-8"), page_kind)
        for path in sorted(set(pages) - {SEARCH_PAGE})
    ]
    return found + glossary_entries(glossary, term_kind)


def synonym_groups(glossary: Mapping[str, GlossaryTerm]) -> list[list[str]]:
    """Words that mean the same, from each glossary term that gives an abbreviation or
    synonyms: the term first, then its abbreviation, then its synonyms, each as the words
    the index compares joined by spaces."""
    groups = []
    for term in glossary.values():
        if not (term.abbreviation or term.synonyms):
            continue
        names = [term.term, *([term.abbreviation] if term.abbreviation else []), *term.synonyms]
        group: list[str] = []
        for name in names:
            phrase = " ".join(words(name, parts=False))
            if phrase and phrase not in group:
                group.append(phrase)
        groups.append(group)
    return groups


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
"""The 64 characters postings are written with: the first 32 end a number, the last 32
say more of it follows (five bits each, the most significant first)."""


def encode_postings(postings: Iterable[tuple[int, int]]) -> str:
    """The (page number, place) pairs of one word, in page order, as a short string.

    Each pair is one number, ``(page - previous page - 1) * 3 + place - 1`` (the previous
    page of the first is -1), written in :data:`DIGITS`: a word on the next page's text is
    one character. About a fifth of the size of a list of numbers in JSON.
    """
    out: list[str] = []
    previous = -1
    for page, place in sorted(postings):
        value = (page - previous - 1) * 3 + place - 1
        previous = page
        groups = [value & 31]
        value >>= 5
        while value:
            groups.append(value & 31)
            value >>= 5
        out.extend(DIGITS[32 + g] for g in reversed(groups[1:]))
        out.append(DIGITS[groups[0]])
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    """The (page number, place) pairs :func:`encode_postings` wrote (what the script does)."""
    pairs: list[tuple[int, int]] = []
    previous, value = -1, 0
    for char in text:
        digit = DIGITS.index(char)
        value = value * 32 + (digit & 31)
        if digit < 32:
            previous += value // 3 + 1
            pairs.append((previous, value % 3 + 1))
            value = 0
    return pairs


def index_data(entries: list[Entry], groups: list[list[str]]) -> dict[str, object]:
    """The index as the script reads it.

    ``pages``: ``[url, title, kind, snippet]`` by number. ``words``: for each word, the
    pages it is on and where on each (:data:`TITLE`, :data:`HEADING` or :data:`TEXT`, the
    best place only), written by :func:`encode_postings`. ``groups``:
    :func:`synonym_groups`.
    """
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, entry in enumerate(entries):
        places: dict[str, int] = {}
        for place, found in (
            (TEXT, entry.text_words),
            (HEADING, entry.heading_words),
            (TITLE, entry.title_words),
        ):
            for word in found:
                places[word] = place
        for word, place in places.items():
            postings.setdefault(word, []).append((number, place))
    return {
        "pages": [[e.url, e.title, e.kind, e.snippet] for e in entries],
        "words": {w: encode_postings(postings[w]) for w in sorted(postings)},
        "groups": groups,
    }


def index_script(data: dict[str, object]) -> str:
    """The index as a script that sets ``window.charterwatchSearch`` (a script, not a JSON
    file, because a browser may not fetch a file beside a page opened from disk)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f"window.charterwatchSearch={text};\n"
