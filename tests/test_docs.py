"""Every measure kind, status word, setting and shorthand symbol has documentation."""

from __future__ import annotations

from pathlib import Path

from charterwatch.measures.registry import load_builtin_kinds
from charterwatch.results.figure import ReasonCode, ShortfallReason, Status
from charterwatch.results.verdict import Evidence, Verdict, VerdictReason
from charterwatch.settings import SETTINGS
from charterwatch.stats.symbols import Symbol

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_measure_kind_has_a_heading() -> None:
    text = (DOCS / "measure-kinds.md").read_text("utf-8")
    for name in load_builtin_kinds():
        assert f"\n## {name}\n" in text, name


def test_every_status_word_is_documented() -> None:
    text = (DOCS / "statuses.md").read_text("utf-8")
    for status in Status:
        assert f"| {status.value} |" in text, status


def test_every_setting_and_symbol_is_documented() -> None:
    text = "".join(p.read_text("utf-8") for p in DOCS.glob("*.md"))
    for setting in SETTINGS:
        assert setting.name.split(".")[-1] in text, setting.name
    for symbol in Symbol:
        assert symbol.value in text, symbol


def test_every_reason_and_shortfall_code_is_documented() -> None:
    text = (DOCS / "statuses.md").read_text("utf-8")
    for code in ReasonCode:
        assert f"| {code.value} |" in text, code
    for reason in ShortfallReason:
        assert f"| {reason.value} |" in text, reason


def test_every_verdict_evidence_and_verdict_reason_is_documented() -> None:
    text = (DOCS / "statuses.md").read_text("utf-8")
    verdicts = text[text.index("## The verdict on a commitment") :]
    for evidence in Evidence:
        assert f"| {evidence.value} |" in verdicts, evidence
    for reason in VerdictReason:
        assert f"| {reason.value} |" in verdicts, reason
    for verdict in Verdict:
        assert f"`{verdict.value}`" in verdicts, verdict
