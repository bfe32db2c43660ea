"""The built-in measure kinds; importing this package registers them all."""

from charterwatch.measures.kinds import (  # noqa: F401
    backlog,
    count,
    deadline_compliance,
    duration,
    published_figure,
    qualitative_evidence,
    share_of_records,
    survey_proportion,
)
