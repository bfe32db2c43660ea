"""A charter's own pages: how to challenge a decision, and what to expect.

What a person can do when they disagree with a decision, and what they can expect while they
wait, belong to one charter: its steps, its names for them and its time limits. A framework
folder writes them in ``pages/challenge.yaml`` (top-level key ``challenge:``) and
``pages/expect.yaml`` (``expect:``); charterwatch only lays them out. A time limit is never
typed twice: a sentence with ``process:`` is worded from the folder's own deadline rules
(``deadlines.yaml``), and a limit table has one column per process. Without the files the
site says neutral things and the printed outputs leave the section out.

Example::

    challenge:
      groups: {A: standard applications, B: urgent applications}
      steps:
        - title: Ask us to look again
          text: A different person looks at your case again.
          limit: {text: "Ask within {limit}.", process: review_request}
      tables:
        - caption: Time limits for a review
          row_heading: Application
          columns:
            - {heading: You ask within, process: review_request}
            - {heading: We decide within, process: review}
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ConfigDict, Field

from charterwatch.dates.deadlines import DeadlineRulebook
from charterwatch.model.issues import Issue, Level
from charterwatch.model.yamlfile import PathKey, YamlDocument


class TimedText(BaseModel):
    """A sentence that may quote a time limit taken from the deadline rules.

    ``{limit}`` in ``text`` is replaced by the limit of ``process`` (e.g. "42 days for
    one kind of case, or 31 days for another"); ``groups`` narrows the rules to some rule
    groups (the ``group`` of a rule), in that order. A text with ``{group}`` is said once for
    each group, with the group's own name and limit ("{group}: ask within {limit}.").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field("{limit}", min_length=1, description="The sentence; {limit} is filled in.")
    process: str | None = Field(None, description="The deadline rules' process to quote.")
    groups: list[str] | None = Field(None, description="Only these rule groups, in this order.")


Sentence = str | TimedText
"""Fixed words, or words with a time limit drawn from the rules."""


class StepFile(BaseModel):
    """One step of a challenge: what happens, and its time limit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    short: str | None = Field(None, description="A short name for the diagram (default: title).")
    text: str = Field(min_length=1)
    limit: Sentence | None = None


class LimitRowFile(BaseModel):
    """A row of a limit table: one name for one or more rule groups."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    groups: list[str] = Field(min_length=1)


class LimitColumnFile(BaseModel):
    """A column of a limit table: the limits of one process."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    heading: str = Field(min_length=1)
    process: str = Field(min_length=1)


class LimitTableFile(BaseModel):
    """A table of time limits generated from the deadline rules: rows are rule groups (or
    named sets of them), columns are processes. Without ``rows`` every group named in the
    page's ``groups`` (else every group of the columns' rules) is a row."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    caption: str = Field(min_length=1)
    row_heading: str = Field("Group", min_length=1)
    rows: list[LimitRowFile] | None = None
    columns: list[LimitColumnFile] = Field(min_length=1)


class ParagraphFile(BaseModel):
    """A heading (optional) and its text: one sentence, or several said one after the
    other, so a paragraph can quote the limits of more than one process ("we reply within
    5 working days ... we look again and reply within 20 working days")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    heading: str | None = None
    text: Sentence | list[Sentence]

    def sentences(self) -> list[Sentence]:
        """The paragraph's sentences, in order."""
        return list(self.text) if isinstance(self.text, list) else [self.text]


class PrintedFile(BaseModel):
    """The printed outputs' wording (PDF summary, leaflet, full report): paragraphs before and
    after the limit tables. Without it, the leader and the steps are printed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: list[Sentence] = Field(default_factory=list)
    after: list[Sentence] = Field(default_factory=list)


class PageFile(BaseModel):
    """A charter's page: ``challenge:`` or ``expect:``.

    ``groups`` names the rule groups (the ``group`` of each deadline rule) for people, as
    sentences sum them up: ``{A: standard applications}``. ``group_names`` gives each group
    its own full name, for the lists of each group's limit (default: its ``groups`` name).
    ``easy_read`` gives the lines of the easy-read block.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = Field(None, description="The page title (default from the catalogue).")
    leader: str | None = Field(None, description="The opening sentence under the title.")
    groups: dict[str, str] = Field(default_factory=dict)
    group_names: dict[str, str] = Field(
        default_factory=dict,
        description="Each rule group's own name for people, in the lists of each group's limit.",
    )
    steps: list[StepFile] = Field(default_factory=list)
    tables: list[LimitTableFile] = Field(default_factory=list)
    sections: list[ParagraphFile] = Field(default_factory=list)
    easy_read: list[Sentence] = Field(default_factory=list)
    printed: PrintedFile | None = None


PAGE_KEYS = ("challenge", "expect")
"""The top-level keys of the page files, by convention ``pages/<key>.yaml``."""


def referenced(page: PageFile) -> list[tuple[PathKey, str, list[str]]]:
    """Every deadline process the page quotes, with where (a path in the page) and the rule
    groups it narrows to."""
    found: list[tuple[PathKey, str, list[str]]] = []

    def sentence(value: Sentence | None, path: PathKey) -> None:
        if isinstance(value, TimedText) and value.process is not None:
            found.append(((*path, "process"), value.process, list(value.groups or [])))

    for i, step in enumerate(page.steps):
        sentence(step.limit, ("steps", i, "limit"))
    for i, table in enumerate(page.tables):
        groups = [g for row in table.rows or [] for g in row.groups]
        for j, column in enumerate(table.columns):
            found.append((("tables", i, "columns", j, "process"), column.process, groups))
    for i, paragraph in enumerate(page.sections):
        if isinstance(paragraph.text, list):
            for j, part in enumerate(paragraph.text):
                sentence(part, ("sections", i, "text", j))
        else:
            sentence(paragraph.text, ("sections", i, "text"))
    for i, line in enumerate(page.easy_read):
        sentence(line, ("easy_read", i))
    if page.printed is not None:
        for part in ("before", "after"):
            for i, line in enumerate(getattr(page.printed, part)):
                sentence(line, ("printed", part, i))
    return found


def check_page(
    key: str, page: PageFile, doc: YamlDocument, rulebook: DeadlineRulebook
) -> list[Issue]:
    """Every process a page quotes must have rules in ``deadlines.yaml``, and every group it
    names must have a rule of that process (``CW-T003``): a time limit on a page is never
    typed by hand."""
    processes = rulebook.processes()
    issues = _unknown_names(key, page, doc, rulebook)
    for path, process, groups in referenced(page):
        full = (key, *path)
        where = ".".join(str(p) for p in full)
        if process not in processes:
            guess = difflib.get_close_matches(process, list(processes), n=1)
            issues.append(
                Issue(
                    code="CW-T003",
                    level=Level.ERROR,
                    file=doc.file,
                    line=doc.line_of(full),
                    location=where,
                    message=f"the page quotes the time limit of process '{process}', "
                    "which has no deadline rule",
                    expected="a process of deadlines.yaml: " + (", ".join(processes) or "(none)"),
                    found=process,
                    fix=f"did you mean '{guess[0]}'?"
                    if guess
                    else "add its rules to deadlines.yaml, or write the limit in words",
                )
            )
            continue
        known = sorted(rulebook.groups(process))
        for group in groups:
            if group not in known:
                issues.append(
                    Issue(
                        code="CW-T003",
                        level=Level.ERROR,
                        file=doc.file,
                        line=doc.line_of(full),
                        location=where,
                        message=f"the page names rule group '{group}', which has no rule for "
                        f"process '{process}'",
                        expected="one of: " + ", ".join(known),
                        found=group,
                        fix="correct the group, or add its rule to deadlines.yaml",
                    )
                )
    return issues


def _unknown_names(
    key: str, page: PageFile, doc: YamlDocument, rulebook: DeadlineRulebook
) -> list[Issue]:
    """A group named in ``group_names`` that no deadline rule is for (``CW-T003``)."""
    known = sorted({g for p in rulebook.processes() for g in rulebook.groups(p)})
    return [
        Issue(
            code="CW-T003",
            level=Level.ERROR,
            file=doc.file,
            line=doc.line_of_key((key, "group_names", group)),
            location=f"{key}.group_names.{group}",
            message=f"the page names rule group '{group}', which no deadline rule is for",
            expected="one of: " + (", ".join(known) or "(none)"),
            found=group,
            fix="correct the group, or add its rule to deadlines.yaml",
        )
        for group in page.group_names
        if group not in known
    ]
