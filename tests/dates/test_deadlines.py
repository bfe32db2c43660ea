"""Tests of deadline rules, the rulebook that picks them by date, and deadline compliance."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from charterwatch.dates import (
    DeadlineRule,
    DeadlineRulebook,
    NoDeadlineRuleError,
    RulebookError,
    WorkingDayCalendar,
    deadline,
    load_default_rulebook,
    met,
)
from tests.dates.conftest import scottish_calendar

SWITCH = date(2024, 4, 1)
EXAMPLE_DEADLINES = Path(__file__).resolve().parents[2] / "examples/scotland/deadlines.yaml"


def example_rulebook() -> DeadlineRulebook:
    """The rules of the shipped example, from its ``deadlines.yaml`` (key ``deadlines:``)."""
    text = EXAMPLE_DEADLINES.read_text(encoding="utf-8")
    return DeadlineRulebook.from_config(yaml.safe_load(text)["deadlines"])


def rule(**overrides: Any) -> DeadlineRule:
    fields: dict[str, Any] = {
        "process": "redetermination",
        "group": "BSG",
        "length": 16,
        "unit": "working_days",
        "effective_from": date(2018, 12, 10),
        "source": "test",
    }
    fields.update(overrides)
    return DeadlineRule(**fields)


OLD = rule(group="XB", effective_from=date(2018, 4, 1))
NEW = rule(group="XB", length=56, unit="calendar_days", effective_from=SWITCH)
ALL = rule(
    group="*",
    process="redetermination",
    length=30,
    unit="calendar_days",
    effective_from=date(2015, 1, 1),
)


class TestDeadlineRule:
    def test_describe(self) -> None:
        assert NEW.describe() == "redetermination/XB: 56 calendar days from 2024-04-01"

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"length": 0}, "greater than or equal to 1"),
            ({"length": "16"}, "valid integer"),
            ({"unit": "weeks"}, "calendar_days"),
            ({"effective_to": date(2018, 1, 1)}, "effective_to (2018-01-01) is before"),
            ({"colour": "red"}, "Extra inputs are not permitted"),
            ({"process": "Re Determination"}, "pattern"),
            ({"source": ""}, "at least 1 character"),
        ],
    )
    def test_invalid_rules(self, overrides: dict[str, Any], message: str) -> None:
        with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
            rule(**overrides)

    def test_rules_are_frozen(self) -> None:
        with pytest.raises(ValidationError):
            OLD.length = 3  # type: ignore[misc]


class TestRuleFor:
    def test_switches_exactly_on_the_effective_date(self) -> None:
        book = DeadlineRulebook([OLD, NEW])
        assert book.rule_for("redetermination", "XB", SWITCH - timedelta(days=1)) == OLD
        assert book.rule_for("redetermination", "XB", SWITCH) == NEW
        assert book.rule_for("redetermination", "XB", SWITCH + timedelta(days=1)) == NEW

    def test_explicit_effective_to_then_next_rule(self) -> None:
        ended = OLD.model_copy(update={"effective_to": SWITCH - timedelta(days=1)})
        book = DeadlineRulebook([NEW, ended])
        assert book.rule_for("redetermination", "XB", SWITCH - timedelta(days=1)) == ended
        assert book.rule_for("redetermination", "XB", SWITCH) == NEW

    def test_specific_group_wins_over_star(self) -> None:
        book = DeadlineRulebook([OLD, NEW, ALL])
        assert book.rule_for("redetermination", "XB", date(2020, 1, 1)) == OLD
        assert book.rule_for("redetermination", "OTHER", date(2020, 1, 1)) == ALL

    def test_star_applies_before_the_specific_rule_starts(self) -> None:
        book = DeadlineRulebook([OLD, ALL])
        assert book.rule_for("redetermination", "XB", date(2017, 1, 1)) == ALL

    def test_gap_after_effective_to(self) -> None:
        ended = OLD.model_copy(update={"effective_to": date(2020, 12, 31)})
        book = DeadlineRulebook([ended])
        with pytest.raises(NoDeadlineRuleError):
            book.rule_for("redetermination", "XB", date(2021, 1, 1))

    def test_invalid_no_rule_names_process_group_and_date(self) -> None:
        book = DeadlineRulebook([OLD, NEW])
        with pytest.raises(LookupError) as caught:
            book.rule_for("redetermination", "XB", date(2017, 5, 4))
        message = str(caught.value)
        assert "process 'redetermination'" in message
        assert "group 'XB'" in message
        assert "2017-05-04" in message
        assert "redetermination/XB: 16 working days from 2018-04-01" in message

    def test_invalid_unknown_group_and_process_hints(self) -> None:
        book = DeadlineRulebook([OLD])
        with pytest.raises(NoDeadlineRuleError, match="rules only for groups XB"):
            book.rule_for("redetermination", "ADP", date(2020, 1, 1))
        with pytest.raises(NoDeadlineRuleError, match="known processes: redetermination"):
            book.rule_for("appeal", "XB", date(2020, 1, 1))


class TestOverlaps:
    def test_invalid_same_start(self) -> None:
        twin = NEW.model_copy(update={"length": 60})
        with pytest.raises(RulebookError) as caught:
            DeadlineRulebook([OLD, NEW, twin])
        (problem,) = caught.value.problems
        assert "both start on the same day" in problem
        assert "[redetermination/XB: 56 calendar days from 2024-04-01]" in problem
        assert "[redetermination/XB: 60 calendar days from 2024-04-01]" in problem

    def test_invalid_effective_to_runs_into_next_rule(self) -> None:
        long = OLD.model_copy(update={"effective_to": SWITCH})
        with pytest.raises(RulebookError) as caught:
            DeadlineRulebook([long, NEW])
        (problem,) = caught.value.problems
        assert "the first runs to 2024-04-01" in problem
        assert "to 2024-04-01]" in problem and "from 2024-04-01]" in problem
        assert "effective_to the day before" in problem

    def test_invalid_every_overlap_is_listed(self) -> None:
        other = rule(process="complaint_stage_1", group="*", length=5)
        with pytest.raises(RulebookError) as caught:
            DeadlineRulebook([OLD, OLD, other, other])
        assert len(caught.value.problems) == 2
        assert "2 problems" in str(caught.value)

    def test_adjacent_and_different_groups_do_not_overlap(self) -> None:
        ended = OLD.model_copy(update={"effective_to": SWITCH - timedelta(days=1)})
        assert DeadlineRulebook.check([ended, NEW, ALL, rule(group="YB")]) == []


class TestDeadlineAndMet:
    def test_calendar_days_do_not_roll_over(self) -> None:
        adp = rule(group="ADP", length=56, unit="calendar_days", effective_from=date(2022, 3, 21))
        start = date(2023, 1, 1)
        due = deadline(start, adp, scottish_calendar())
        assert due == date(2023, 2, 26)  # a Sunday: no roll-over to Monday
        assert met(start, due, adp, scottish_calendar())
        assert not met(start, due + timedelta(days=1), adp, scottish_calendar())

    def test_working_days_across_the_state_funeral(self, calendar: WorkingDayCalendar) -> None:
        bsg = rule()
        assert deadline(date(2022, 9, 16), bsg, calendar) == date(2022, 10, 11)

    def test_complaint_stage_1_across_christmas(self, calendar: WorkingDayCalendar) -> None:
        stage_1 = rule(process="complaint_stage_1", group="*", length=5)
        assert deadline(date(2022, 12, 22), stage_1, calendar) == date(2023, 1, 4)

    def test_weekend_decision_after_friday_due_date_is_late(
        self, calendar: WorkingDayCalendar
    ) -> None:
        five = rule(process="complaint_stage_1", group="*", length=5)
        start = date(2023, 6, 2)  # Friday
        due = deadline(start, five, calendar)
        assert due == date(2023, 6, 9)  # Friday
        assert met(start, due, five, calendar)
        assert not met(start, date(2023, 6, 10), five, calendar)  # Saturday
        # ... although the working days elapsed are still 5:
        assert calendar.working_days_between(start, date(2023, 6, 10)) == 5

    def test_invalid_end_before_start(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="end date 2023-06-01 is before start date"):
            met(date(2023, 6, 2), date(2023, 6, 1), rule(), calendar)

    def test_invalid_start_outside_rule(self, calendar: WorkingDayCalendar) -> None:
        with pytest.raises(ValueError, match="outside the rule"):
            deadline(date(2017, 1, 1), rule(), calendar)

    @settings(max_examples=300)
    @given(
        st.dates(min_value=date(2019, 1, 1), max_value=date(2034, 6, 30)),
        st.integers(min_value=0, max_value=60),
        st.integers(min_value=1, max_value=25),
    )
    def test_sql_formula_for_working_day_deadlines(self, start: date, gap: int, n: int) -> None:
        """The SQL form documented for the engine: met iff elapsed < n, or == n on a working day."""
        cal = scottish_calendar()
        end = start + timedelta(days=gap)
        elapsed = cal.working_days_between(start, end)
        by_formula = elapsed < n or (elapsed == n and cal.is_working_day(end))
        assert met(start, end, rule(length=n, effective_from=date(2015, 1, 1)), cal) == by_formula


class TestExampleRulebook:
    def test_the_package_default_is_neutral(self) -> None:
        """Deadlines belong to a charter: the package's default rulebook has no rules."""
        assert len(load_default_rulebook()) == 0

    def test_loads_with_the_researched_rules(self) -> None:
        book = example_rulebook()
        on = date(2025, 6, 2)
        expected = {
            ("redetermination", "ADP"): (56, "calendar_days"),
            ("redetermination", "PADP"): (56, "calendar_days"),
            ("redetermination", "CDP"): (56, "calendar_days"),
            ("redetermination", "BSG"): (16, "working_days"),
            ("complaint_stage_1", "ADP"): (5, "working_days"),
            ("complaint_stage_2", "SCP"): (20, "working_days"),
            ("complaint_stage_2_acknowledgement", "BSG"): (3, "working_days"),
            ("application", "FSP"): (10, "working_days"),
            ("application_terminal_illness", "ADP"): (7, "working_days"),
            ("application_terminal_illness", "CDP"): (7, "working_days"),
        }
        for (process, group), (length, unit) in expected.items():
            found = book.rule_for(process, group, on)
            assert (found.length, found.unit) == (length, unit), (process, group)

    def test_illustrative_switch_is_labelled(self) -> None:
        book = example_rulebook()
        before = book.rule_for("redetermination", "EXAMPLE", date(2024, 3, 31))
        after = book.rule_for("redetermination", "EXAMPLE", date(2024, 4, 1))
        assert (before.length, before.unit) == (16, "working_days")
        assert (after.length, after.unit) == (56, "calendar_days")
        assert "ILLUSTRATIVE" in before.note and "ILLUSTRATIVE" in after.note

    def test_every_rule_has_a_source_and_note(self) -> None:
        for each in example_rulebook().rules:
            assert each.source and each.note and each.clock_starts, each.describe()

    def test_no_adp_rule_before_adp_existed(self) -> None:
        with pytest.raises(NoDeadlineRuleError):
            example_rulebook().rule_for("redetermination", "ADP", date(2022, 3, 20))

    def test_deadline_for(self, calendar: WorkingDayCalendar) -> None:
        book = example_rulebook()
        due = book.deadline_for("redetermination", "BSG", date(2022, 9, 16), calendar)
        assert due == date(2022, 10, 11)

    def test_invalid_from_config_names_the_rule(self) -> None:
        bad = {
            "rules": [
                {
                    "process": "redetermination",
                    "group": "ADP",
                    "length": 56,
                    "unit": "calendar_day",
                    "effective_from": "2022-03-21",
                    "source": "x",
                }
            ]
        }
        with pytest.raises(ValidationError, match=r"rules\.0\.unit"):
            DeadlineRulebook.from_config(bad)

    def test_benefit_is_still_read_as_the_older_name_of_group(self) -> None:
        older = {"process": "review", "benefit": "A", "length": 5, "unit": "working_days"}
        read = DeadlineRule.model_validate({**older, "effective_from": "2020-04-01", "source": "x"})
        assert read.group == "A"
        assert read.model_dump()["group"] == "A" and "benefit" not in read.model_dump()

    def test_invalid_group_and_benefit_together(self) -> None:
        both = {"process": "review", "group": "A", "benefit": "B", "length": 5}
        with pytest.raises(ValidationError, match="benefit"):
            DeadlineRule.model_validate(
                {**both, "unit": "working_days", "effective_from": "2020-04-01", "source": "x"}
            )
