"""The limits of what a framework file may be, and the messages when one is passed.

:mod:`charterwatch.model.yamlfile` reads framework files; this module words the problems
that stop a file from being read at all: a file over the size limit (``CW-F010``), text that
is not valid YAML (``CW-F001``) and nesting too deep for the reader (``CW-F015``).

The size limit is :data:`DEFAULT_MAX_FILE_MB` megabytes per file, changed by setting the
environment variable ``CHARTERWATCH_MAX_YAML_MB`` (a whole number of megabytes).
"""

from __future__ import annotations

import os

import yaml

from charterwatch.model.issues import Issue, Level

DEFAULT_MAX_FILE_MB = 20
"""The default size limit of one framework file, in megabytes (1 MB = 1,000,000 bytes)."""

LIMIT_VARIABLE = "CHARTERWATCH_MAX_YAML_MB"
"""The environment variable that changes the size limit (a whole number of megabytes)."""


def max_file_bytes() -> int:
    """The size limit of one framework file in bytes: ``CHARTERWATCH_MAX_YAML_MB`` megabytes
    when it is set to a whole number above 0, else :data:`DEFAULT_MAX_FILE_MB`."""
    given = os.environ.get(LIMIT_VARIABLE, "").strip()
    megabytes = int(given) if given.isdigit() and int(given) > 0 else DEFAULT_MAX_FILE_MB
    return megabytes * 1_000_000


def file_too_large(shown_as: str, size: int, limit: int) -> Issue:
    """CW-F010: the file is larger than the limit, so it is not read."""
    return Issue(
        code="CW-F010",
        level=Level.ERROR,
        file=shown_as,
        message=f"the file is {size / 1_000_000:.1f} MB, over the limit of "
        f"{limit / 1_000_000:g} MB for one framework file; it was not read",
        expected=f"at most {limit / 1_000_000:g} MB",
        found=f"{size:,} bytes",
        fix="split the file into several .yaml files in the folder (e.g. one per framework "
        f"section, with 'framework_section:'), or raise the limit with {LIMIT_VARIABLE}=50",
    )


def yaml_problem(exc: BaseException, text: str, shown_as: str) -> Issue:
    """CW-F001 for text that is not YAML (or CW-F015 when nesting ran out of stack)."""
    if isinstance(exc, RecursionError):
        return Issue(
            code="CW-F015",
            level=Level.ERROR,
            file=shown_as,
            message="the values are nested too deeply to read",
            fix="a framework file needs about 12 levels; check the brackets and indentation",
        )
    line: int | None = None
    problem = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else None
        problem = str(exc.problem or exc.context)
    elif isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        problem = f"the character {char!r} is not allowed in YAML"
    return Issue(
        code="CW-F001",
        level=Level.ERROR,
        file=shown_as,
        line=line,
        message=f"the file is not valid YAML: {problem}",
        fix="check indentation, colons after keys and quotes around text with ':' or '#'",
    )
