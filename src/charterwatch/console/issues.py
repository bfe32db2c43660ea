"""Printing issues in the terminal: errors first, then warnings, then a line of counts."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape

from charterwatch.model.issues import IssueList, Level


def print_issues(console: Console, issues: IssueList, *, fmt: str = "text") -> None:
    """Print every issue; ``fmt='json'`` prints a JSON list for tools and CI."""
    if fmt == "json":
        console.print_json(json.dumps([i.as_dict() for i in issues]))
        return
    ordered = issues.errors + issues.warnings
    for issue in ordered:
        colour = "red" if issue.level is Level.ERROR else "yellow"
        console.print(
            f"[{colour}]{issue.level.value}[/] [bold]{issue.code}[/] "
            f"{escape(issue.where())}: {escape(issue.message)}",
            highlight=False,
            soft_wrap=True,
        )
        for label, value in (("expected", issue.expected), ("found", issue.found)):
            if value is not None:
                console.print(f"    {label}: {escape(value)}", highlight=False, soft_wrap=True)
        if issue.fix is not None:
            console.print(
                f"    [green]fix:[/] {escape(issue.fix)}", highlight=False, soft_wrap=True
            )
