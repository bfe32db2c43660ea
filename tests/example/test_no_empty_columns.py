"""No table on the example's pages has a column that no row fills (an interval column on a
measure without intervals, say): an empty column is noise for every reader and a puzzle for
a screen-reader user."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.conftest import Example


class Tables(HTMLParser):
    """Each table's rows as lists of cell texts (header row included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_no_table_has_an_empty_column(example: Example) -> None:
    empty = []
    for page in example.site.pages:
        if not page.endswith(".html"):
            continue
        parser = Tables()
        parser.feed((example.site.out / page).read_text(encoding="utf-8"))
        for table in parser.tables:
            header, *body = [row for row in table if row]
            if not body:
                continue
            for i, heading in enumerate(header):
                cells = [row[i] for row in body if i < len(row)]
                if cells and not any(cells):
                    empty.append(f"{page}: column '{heading}'")
    assert not empty, "\n".join(empty[:20])
