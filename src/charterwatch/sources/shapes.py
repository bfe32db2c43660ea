"""The standard source shapes: the columns each kind of raw extract must have.

A source in a framework folder names a shape (``schema: {shape: applications}``) and may add
or tighten fields. Shapes are data, not code: each is a :class:`SourceSchemaFile`, the same
model authors use for their own schemas. ``docs/sources.md`` describes every shape; a test
checks the two agree.
"""

from __future__ import annotations

from typing import Any

from charterwatch.model.files import FieldFile, SourceSchemaFile

CODES_DECLARED = "A code; the source declares the codes it allows (an enum of its own)."
"""The rule of a shape's code column whose allowed values belong to one charter: the shape
holds none, and a framework folder declares its own in ``sources.yaml``."""

EQUALITY_FIELDS = ["age_group", "sex", "disability", "ethnicity", "sexual_orientation", "religion"]
"""Optional equality columns any record shape may carry, for breakdowns."""

COMPLAINT_CATEGORIES = [
    "disagreement_with_decision",
    "government_policy",
    "process_not_followed",
    "service_not_provided",
    "standard_of_service",
    "staff_attitude",
]


def _f(name: str, type_: str, **kw: Any) -> FieldFile:
    return FieldFile(name=name, type=type_, **kw)


def _equality() -> list[FieldFile]:
    return [_f(n, "string", required=False) for n in EQUALITY_FIELDS]


SYNTHETIC = _f(
    "synthetic", "boolean", required=False, description="True on every generated record."
)

SHAPES: dict[str, SourceSchemaFile] = {
    "survey_responses": SourceSchemaFile(
        fields=[
            _f("respondent_id", "string", description="One id per respondent and year."),
            _f("year", "string", pattern=r"^\d{4}-\d{2}$", description="Financial year."),
            _f("wave", "string", required=False, description="Survey wave, if it ran in waves."),
            _f("benefit", "string", required=False, description=CODES_DECLARED),
            _f("question", "string", description="The survey question id."),
            _f("answer", "string", description="The answer as worded on the questionnaire."),
            _f("weight", "number", required=False, minimum=0.000001),
            *_equality(),
            SYNTHETIC,
        ],
        primary_key=["year", "respondent_id", "question"],
    ),
    "partner_survey": SourceSchemaFile(
        fields=[
            _f("respondent_id", "string"),
            _f("year", "string", pattern=r"^\d{4}-\d{2}$"),
            _f("organisation_type", "string", required=False),
            _f("question", "string"),
            _f("answer", "string"),
            SYNTHETIC,
        ],
        primary_key=["year", "respondent_id", "question"],
    ),
    "applications": SourceSchemaFile(
        fields=[
            _f("case_id", "string", unique=True),
            _f("benefit", "string", required=False, description=CODES_DECLARED),
            _f("received_date", "date"),
            _f("decided_date", "date", required=False, description="Decision or withdrawal."),
            _f(
                "outcome",
                "string",
                required=False,
                enum=["approved", "denied", "withdrawn"],
                description="Empty while undecided.",
            ),
            _f("channel", "string", required=False, enum=["online", "phone", "paper", "in_person"]),
            _f("special_rules", "boolean", required=False, description="Terminal illness."),
            *_equality(),
            SYNTHETIC,
        ],
        primary_key=["case_id"],
        date_order=[["received_date", "decided_date"]],
    ),
    "redeterminations": SourceSchemaFile(
        fields=[
            _f("request_id", "string", unique=True),
            _f("case_id", "string", required=False, description="Original case, where known."),
            _f("benefit", "string", description=CODES_DECLARED),
            _f("request_date", "date", description="Valid request received (clock start)."),
            _f("decision_date", "date", required=False),
            _f("outcome", "string", required=False, enum=["changed", "unchanged", "withdrawn"]),
            *_equality(),
            SYNTHETIC,
        ],
        primary_key=["request_id"],
        date_order=[["request_date", "decision_date"]],
    ),
    "appeals": SourceSchemaFile(
        fields=[
            _f("appeal_id", "string", unique=True),
            _f("case_id", "string", required=False),
            _f("benefit", "string", description=CODES_DECLARED),
            _f("lodged_date", "date"),
            _f("decision_date", "date", required=False),
            _f(
                "outcome",
                "string",
                required=False,
                enum=["upheld", "not_upheld", "withdrawn", "lapsed"],
                description="'upheld' means decided in the client's favour.",
            ),
            *_equality(),
            SYNTHETIC,
        ],
        primary_key=["appeal_id"],
        date_order=[["lodged_date", "decision_date"]],
    ),
    "calls": SourceSchemaFile(
        fields=[
            _f("call_id", "string", unique=True),
            _f("date", "date"),
            _f("queue", "string"),
            _f("wait_seconds", "integer", minimum=0, maximum=86400),
            _f("abandoned", "boolean"),
            SYNTHETIC,
        ],
        primary_key=["call_id"],
    ),
    "complaints": SourceSchemaFile(
        fields=[
            _f("complaint_id", "string", unique=True),
            _f("stage", "integer", enum=["1", "2"]),
            _f("received_date", "date"),
            _f("response_date", "date", required=False),
            _f("category", "string", enum=COMPLAINT_CATEGORIES),
            _f(
                "outcome",
                "string",
                required=False,
                enum=["upheld", "partially_upheld", "not_upheld", "resolved", "withdrawn"],
            ),
            _f("benefit", "string", required=False, description=CODES_DECLARED),
            _f("channel", "string", required=False),
            SYNTHETIC,
        ],
        primary_key=["complaint_id"],
        date_order=[["received_date", "response_date"]],
    ),
    "staff": SourceSchemaFile(
        fields=[
            _f("year", "string", pattern=r"^\d{4}-\d{2}$"),
            _f("characteristic", "string", description="e.g. sex, disability, ethnicity, total."),
            _f("group", "string", description="e.g. female; 'all' for the total."),
            _f("headcount", "integer", minimum=0),
            SYNTHETIC,
        ],
        primary_key=["year", "characteristic", "group"],
    ),
    "organisation_returns": SourceSchemaFile(
        fields=[
            _f("organisation", "string", description="An organisation id, or ALL (national)."),
            _f("year", "string", pattern=r"^\d{4}-\d{2}$", description="Financial year."),
            _f("indicator", "string", description="The indicator the figures are for."),
            _f("numerator", "number", required=False, minimum=0),
            _f("denominator", "number", required=False, minimum=0),
            _f("value", "number", required=False, description="A figure already worked out."),
            _f("base", "integer", required=False, minimum=0, description="Cases behind it."),
            SYNTHETIC,
        ],
        primary_key=["organisation", "year", "indicator"],
    ),
    "records": SourceSchemaFile(fields=[SYNTHETIC]),
}
"""Every standard shape by name. ``records`` has no fixed columns: the source lists them."""

NARRATIVE_FRONT_MATTER = SourceSchemaFile(
    fields=[
        _f("measure", "string"),
        _f("year", "string", pattern=r"^\d{4}-\d{2}$"),
        _f("kind", "string", enum=["quote", "example", "you_said_we_did", "report"]),
        _f("source", "string"),
        _f("commitments", "string", required=False, description="A list of commitment ids."),
        _f("title", "string", required=False),
        _f("synthetic", "boolean", required=False),
    ]
)
"""The front matter of a narrative evidence file (Markdown), kind ``narrative_evidence``."""


def resolve_schema(schema: SourceSchemaFile | None) -> SourceSchemaFile:
    """A source's effective schema: its shape's fields, overridden and extended by its own.

    Raises KeyError naming the known shapes when the shape does not exist.
    """
    if schema is None:
        return SourceSchemaFile()
    base = SourceSchemaFile()
    if schema.shape is not None:
        if schema.shape not in SHAPES:
            raise KeyError(
                f"unknown source shape '{schema.shape}'; known shapes: {', '.join(sorted(SHAPES))}"
            )
        base = SHAPES[schema.shape]
    fields = {f.name: f for f in base.fields}
    for f in schema.fields:
        fields[f.name] = f
    return SourceSchemaFile(
        shape=schema.shape,
        fields=list(fields.values()),
        primary_key=schema.primary_key or base.primary_key,
        date_order=schema.date_order or base.date_order,
        open_ended=schema.open_ended or base.open_ended,
    )
