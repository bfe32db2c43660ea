"""A measure's params that name columns or values are checked at ``validate``.

Before these checks a ``where`` on a misspelt column read 0.0%, a misspelt breakdown was
dropped without a word and a misspelt ``filter`` column ended in "This is a bug" at compute.
Each case breaks one name in the measured fixture and asserts a located error with what
exists and a did-you-mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from charterwatch.cli import app
from charterwatch.model.issues import Issue
from charterwatch.model.loader import load_framework
from tests.measures.fixtures import write_measured_framework


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    code: str
    message: str
    location: str
    hint: str
    needle: str = ""
    """Text on the line the error must point at (default: the name quoted in the message)."""

    def line_text(self) -> str:
        return self.needle or self.message.split("'")[1]


CASES = [
    Case(
        "invalid_where_column",
        "where: {outcome: [approved]}",
        "where: {outcom: [approved]}",
        "CW-K010",
        "column 'outcom'",
        "measure SHARE.params.where.outcom",
        "did you mean 'outcome'?",
    ),
    Case(
        "invalid_where_value",
        "where: {outcome: [approved]}",
        "where: {outcome: [aproved]}",
        "CW-K011",
        "'aproved'",
        "measure SHARE.params.where.outcome",
        "did you mean 'approved'?",
    ),
    Case(
        "invalid_share_filter_column",
        "{date: decided_date, where: {outcome: [approved]}}",
        "{date: decided_date, where: {outcome: [approved]}, filter: {benfit: [ADP]}}",
        "CW-K010",
        "column 'benfit'",
        "measure SHARE.params.filter.benfit",
        "did you mean 'benefit'?",
    ),
    Case(
        "invalid_count_breakdown",
        "{date: received_date, breakdowns: [benefit]}",
        "{date: received_date, breakdowns: [benfit]}",
        "CW-K010",
        "column 'benfit'",
        "measure COUNT.params.breakdowns",
        "did you mean 'benefit'?",
    ),
    Case(
        "invalid_count_filter_value",
        "{date: received_date, breakdowns: [benefit]}",
        "{date: received_date, filter: {channel: [onlin]}}",
        "CW-K011",
        "'onlin'",
        "measure COUNT.params.filter.channel",
        "did you mean 'online'?",
    ),
    Case(
        "invalid_duration_breakdown",
        "{start: received_date, end: decided_date, breakdowns: [benefit]}",
        "{start: received_date, end: decided_date, breakdowns: [chanel]}",
        "CW-K010",
        "column 'chanel'",
        "measure TIME.params.breakdowns",
        "did you mean 'channel'?",
    ),
    Case(
        "invalid_duration_end_column",
        "{start: received_date, end: decided_date, breakdowns: [benefit]}",
        "{start: received_date, end: decision_date}",
        "CW-K010",
        "column 'decision_date'",
        "measure TIME.params.end",
        "did you mean 'decided_date'?",
    ),
    Case(
        "invalid_survey_breakdown",
        "{question: kind, chosen: [agree], breakdowns: [benefit]}",
        "{question: kind, chosen: [agree], breakdowns: [benifit]}",
        "CW-K010",
        "column 'benifit'",
        "measure KIND.params.breakdowns",
        "did you mean 'benefit'?",
    ),
    Case(
        "invalid_deadline_filter",
        "{process: redetermination, group: benefit, start: request_date, end: decision_date}",
        "{process: redetermination, group: benefit, start: request_date, end: decision_date, "
        "filter: {benefit: [ADPP]}}",
        "CW-K011",
        "'ADPP'",
        "measure LATE.params.filter.benefit",
        "did you mean 'ADP'?",
    ),
    Case(
        "invalid_deadline_group",
        "{process: redetermination, group: benefit,",
        "{process: redetermination, group: benifit,",
        "CW-K010",
        "column 'benifit'",
        "measure LATE.params.group",
        "did you mean 'benefit'?",
    ),
    Case(
        "invalid_backlog_breakdown",
        'measure("OPEN", "backlog", "count", "{}"',
        'measure("OPEN", "backlog", "count", "{breakdowns: [benefits]}"',
        "CW-K010",
        "column 'benefits'",
        "measure OPEN.params.breakdowns",
        "did you mean 'benefit'?",
    ),
    Case(
        "invalid_rate_numerator_filter",
        'measure("NONE", "count", "count", "{date: received_date}", "complaints")',
        'measure("NONE", "rate", "percent", "{numerator: {date: received_date, '
        'filter: {outcme: [approved]}}, denominator: {date: received_date}}", "applications")',
        "CW-K010",
        "column 'outcme'",
        "measure NONE.params.numerator.filter.outcme",
        "did you mean 'outcome'?",
    ),
    Case(
        "invalid_boolean_value",
        "{date: decided_date, where: {outcome: [approved]}}",
        "{date: decided_date, where: {special_rules: [yes]}}",
        "CW-K011",
        "'yes'",
        "measure SHARE.params.where.special_rules",
        "true or false",
    ),
    Case(
        "invalid_breakdowns_without_records",
        'measure("NONE", "count", "count", "{date: received_date}", "complaints")',
        'measure("NONE", "published_figure", "count", "{breakdowns: [benefit]}", "complaints")',
        "CW-K010",
        "reads no records",
        "measure NONE.params.breakdowns",
        "published figure",
        "params: {breakdowns: [benefit]}",
    ),
]


def _broken(tmp_path: Path, case: Case) -> Path:
    root = write_measured_framework(tmp_path)
    if case.old.startswith("measure("):
        # the fixture's framework text is built in Python: rebuild it from the edited source
        import tests.measures.fixtures as fx

        source = Path(fx.__file__).read_text("utf-8")
        assert case.old in source, f"fixture no longer contains {case.old!r}"
        namespace: dict[str, object] = {"__name__": "edited_fixture"}
        exec(compile(source.replace(case.old, case.new, 1), "edited", "exec"), namespace)
        text = str(namespace["FRAMEWORK"])
    else:
        text = (root / "framework.yaml").read_text("utf-8")
        assert case.old in text, f"fixture no longer contains {case.old!r}"
        text = text.replace(case.old, case.new, 1)
    (root / "framework.yaml").write_text(text, encoding="utf-8")
    return root


def _line_of(root: Path, needle: str) -> int:
    lines = (root / "framework.yaml").read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line and "params:" in line)


def test_the_fixture_is_clean(tmp_path: Path) -> None:
    result = load_framework(write_measured_framework(tmp_path))
    assert result.issues.ok, [i.render() for i in result.issues.errors]
    assert not [i for i in result.issues if i.code.startswith("CW-K")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_param_names_a_column_or_value(tmp_path: Path, case: Case) -> None:
    root = _broken(tmp_path, case)
    result = load_framework(root)
    found: list[Issue] = [i for i in result.issues.errors if i.code == case.code]
    assert found, [i.render() for i in result.issues]
    issue = next((i for i in found if case.message in i.message), None)
    assert issue is not None, [i.render() for i in found]
    assert issue.file == "framework.yaml"
    assert issue.location == case.location
    assert issue.line == _line_of(root, case.line_text()), issue.render()
    assert issue.expected, "the error says what exists"
    assert case.hint in (issue.fix or "") + (issue.expected or ""), issue.render()


@pytest.mark.parametrize("case", CASES[:3], ids=[c.name for c in CASES[:3]])
def test_validate_exits_1_and_names_the_field(tmp_path: Path, case: Case) -> None:
    root = _broken(tmp_path, case)
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1, result.output
    assert case.code in result.output
    assert "This is a bug" not in result.output


BLOCK = """\
                  params:
                    date: decided_date
                    where:
                      outcome: [approved]
                      channel: [onlne]
"""


def test_a_value_written_on_its_own_line_is_pointed_at(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    text = (root / "framework.yaml").read_text("utf-8")
    old = "                  params: {date: decided_date, where: {outcome: [approved]}}\n"
    assert old in text
    (root / "framework.yaml").write_text(text.replace(old, BLOCK, 1), encoding="utf-8")
    issues = [i for i in load_framework(root).issues.errors if i.code == "CW-K011"]
    assert [i.location for i in issues] == ["measure SHARE.params.where.channel"]
    assert issues[0].line == _line_of_text(root, "channel: [onlne]")


def _line_of_text(root: Path, needle: str) -> int:
    lines = (root / "framework.yaml").read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_compute_names_a_column_the_data_lacks_when_the_source_declares_none(
    tmp_path: Path,
) -> None:
    """A source without a schema cannot be checked at validate: compute says which column
    is missing (CW-K002) instead of a silent 0.0% or a crash."""
    root = write_measured_framework(tmp_path)
    sources = (root / "sources.yaml").read_text("utf-8")
    sources = sources.replace(
        "kind: management_information,\n     schema: {shape: calls},",
        "kind: management_information,",
    )
    (root / "sources.yaml").write_text(sources, encoding="utf-8")
    text = (root / "framework.yaml").read_text("utf-8")
    old = "{value: wait_seconds, statistic: mean}"
    assert old in text
    text = text.replace(old, "{value: wait_seconds, statistic: mean, filter: {queu: [general]}}")
    (root / "framework.yaml").write_text(text, encoding="utf-8")
    assert load_framework(root).issues.ok
    result = CliRunner().invoke(app, ["compute", str(root)])
    assert "This is a bug" not in result.output, result.output
    assert "CW-K002" in result.output, result.output
    assert "params.filter.queu names column 'queu'" in result.output
    assert "did you mean 'queue'?" in result.output
