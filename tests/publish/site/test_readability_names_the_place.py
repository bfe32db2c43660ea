"""A readability-gate failure names the file and the field the hard sentence came from.

Before, it named a catalogue key ("home page: glance_note") or a section heading ("easy
read: Service"), leaving the author to search every file for the sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.pipeline import Pipeline
from charterwatch.publish.i18n import Catalogue
from charterwatch.publish.readability import ReadabilityError
from charterwatch.publish.site.site import check_texts
from charterwatch.publish.view import build_publication
from tests.measures.fixtures import write_measured_framework

HARD = (
    "Notwithstanding the aforementioned considerations, organisational performance "
    "measurement methodologies necessitate comprehensive interdepartmental "
    "reconciliation of administratively heterogeneous operational classifications."
)


def _problems(root: Path) -> str:
    pipeline = Pipeline.open(root)
    pipeline.compute()
    pub = build_publication(pipeline.framework, pipeline.store, "2022-23")
    with pytest.raises(ReadabilityError) as caught:
        check_texts(pub, Catalogue("en", root / "locales"))
    return str(caught.value)


def _line(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_framework_locale_sentence_names_its_file_and_key(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    locale = root / "locales" / "en" / "site.yaml"
    locale.parent.mkdir(parents=True)
    locale.write_text(f'site:\n  home:\n    glance_note: "{HARD}"\n', encoding="utf-8")
    text = _problems(root)
    assert "locales/en/site.yaml, key site.home.glance_note" in text, text


def test_a_commitment_in_easy_read_names_the_charter_file_line_and_field(tmp_path: Path) -> None:
    root = write_measured_framework(tmp_path)
    charter = root / "charter.yaml"
    charter.write_text(
        charter.read_text("utf-8").replace("Be kind.", f'"{HARD}"'), encoding="utf-8"
    )
    text = _problems(root)
    line = _line(charter, "Notwithstanding")
    assert f"charter.yaml:{line}, commitment 1.1 text" in text, text


def test_a_measure_easy_read_sentence_names_the_framework_file_line_and_field(
    tmp_path: Path,
) -> None:
    root = write_measured_framework(tmp_path)
    framework = root / "framework.yaml"
    old = "                  kind: survey_proportion\n"
    text = framework.read_text("utf-8")
    assert old in text
    hard = "were treated with unquestionable considerateness by organisational representatives"
    framework.write_text(
        text.replace(old, old + f"                  easy_read: {hard}\n", 1), encoding="utf-8"
    )
    found = _problems(root)
    line = _line(framework, "easy_read:")
    assert f"framework.yaml:{line}, measure KIND easy_read" in found, found
