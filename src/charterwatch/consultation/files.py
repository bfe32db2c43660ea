"""The consultation folder: ``consultation.yaml`` and the answer and interview files it names.

```yaml
consultation:
  title: Charter review consultation
  threshold: 10            # below this many respondents, words only
  surveys:
    - id: partners
      title: Survey of partner organisations
      file: partner-survey.csv          # respondent_id, statement, answer
      statements:
        - id: easy_to_follow
          text: The framework report is easy to follow.
          commitment: "3.4"              # optional
          answers: [strongly agree, agree, neither, disagree, strongly disagree]
          agree: [strongly agree, agree]
          disagree: [disagree, strongly disagree]
  interviews: interviews.csv           # id, theme, commitment, excerpt
```
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import Field, ValidationError, model_validator

from charterwatch.model.files import Id, Strict, Text


class StatementFile(Strict):
    id: Id
    text: Text
    commitment: str | None = None
    answers: list[str] = Field(min_length=2, description="Every answer, most positive first.")
    agree: list[str] = Field(min_length=1, description="The answers counted as agreeing.")
    disagree: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_answers(self) -> StatementFile:
        unknown = [a for a in [*self.agree, *self.disagree] if a not in self.answers]
        if unknown:
            raise ValueError(
                f"'agree' and 'disagree' must be among 'answers'; not found: {', '.join(unknown)}"
            )
        return self


class SurveyFile(Strict):
    id: Id
    title: Text
    file: str
    statements: list[StatementFile] = Field(min_length=1)


class ConsultationFile(Strict):
    title: Text
    note: str | None = Field(
        None,
        description="Shown under the title: where the answers come from, and whether "
        "they are real or illustrative.",
    )
    threshold: int = Field(10, ge=2, description="Fewer respondents than this: words only.")
    surveys: list[SurveyFile] = Field(default_factory=list)
    interviews: str | None = None


@dataclass(frozen=True)
class Excerpt:
    id: str
    theme: str
    commitment: str
    text: str


@dataclass
class Consultation:
    """The consultation as read: its settings, each survey's answers, the excerpts."""

    spec: ConsultationFile
    answers: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    """Per survey id: (respondent_id, statement id, answer) rows."""
    excerpts: list[Excerpt] = field(default_factory=list)


class ConsultationError(ValueError):
    """A consultation file is wrong; the message names the file, row and column, and the fix."""


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise ConsultationError(f"{path}: no such file; write it or correct the name")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ConsultationError(
                f"{path}, row 1: no column {', '.join(missing)}; the header must name "
                f"{', '.join(columns)}"
            )
        return list(reader)


def load_consultation(folder: Path) -> Consultation:
    """Read ``folder/consultation.yaml`` and its files; all or nothing.

    Raises:
        ConsultationError: the message names the file, row and column and how to fix it.
    """
    path = folder / "consultation.yaml"
    if not path.is_file():
        raise ConsultationError(f"{path}: no such file; see docs/consultation.md")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        spec = ConsultationFile.model_validate(document.get("consultation", document))
    except yaml.YAMLError as exc:
        raise ConsultationError(f"{path}: not valid YAML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConsultationError(f"{path}, {where}: {first['msg']}") from None
    out = Consultation(spec)
    for survey in spec.surveys:
        statements = {s.id: s for s in survey.statements}
        rows = []
        file = folder / survey.file
        for number, row in enumerate(_rows(file, ("respondent_id", "statement", "answer")), 2):
            statement = statements.get(row["statement"].strip())
            if statement is None:
                raise ConsultationError(
                    f"{file}, row {number}, column statement: '{row['statement']}' is not a "
                    f"statement of survey '{survey.id}'; expected one of {', '.join(statements)}"
                )
            answer = row["answer"].strip()
            if answer not in statement.answers:
                raise ConsultationError(
                    f"{file}, row {number}, column answer: '{answer}' is not an answer to "
                    f"'{statement.id}'; expected one of {', '.join(statement.answers)}"
                )
            rows.append((row["respondent_id"].strip(), statement.id, answer))
        out.answers[survey.id] = rows
    if spec.interviews:
        file = folder / spec.interviews
        for row in _rows(file, ("id", "theme", "commitment", "excerpt")):
            out.excerpts.append(
                Excerpt(
                    row["id"],
                    row["theme"].strip(),
                    row["commitment"].strip(),
                    row["excerpt"].strip(),
                )
            )
    return out
