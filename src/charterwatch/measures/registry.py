"""The registry of measure kinds: each kind declares its params, what it needs, and its docs.

A kind is a class with a ``name``, a pydantic ``Params`` model (unknown keys rejected), the
source shapes it can read, a docs text, and a ``compute`` method. Kinds register with
:func:`register`; the built-in kinds are named in :data:`charterwatch.builtins.BUILTIN_KINDS`
and loaded by :func:`load_builtin_kinds`. Nothing branches on a kind's name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from charterwatch.measures.context import ComputeContext
    from charterwatch.measures.rows import ResultRow
    from charterwatch.model.framework import Measure


class KindParams(BaseModel):
    """Base of every kind's params: unknown keys are errors, ``breakdowns`` always allowed."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    breakdowns: list[str] = []

    column_params: ClassVar[tuple[str, ...]] = ()
    """Params whose value names a column of the source (``date``, ``start``, ``value``):
    checked, when written, against the source's columns like ``filter``, ``where`` and
    ``breakdowns`` are (see :mod:`charterwatch.measures.columns`)."""


class Task(NamedTuple):
    """One measure to compute: its validated params and the financial years it is asked for
    (measures start and retire in different years, so a shared query filters per measure)."""

    measure: Measure
    params: Any
    years: list[str]


class MeasureKind(ABC):
    """A way of computing a measure from sources."""

    name: ClassVar[str]
    Params: ClassVar[type[KindParams]]
    summary: ClassVar[str]
    """One sentence for the docs and ``charterwatch kinds``."""
    reads: ClassVar[tuple[str, ...]] = ()
    """Source kinds or shapes this kind can read; empty means it reads no table."""

    def params(self, measure: Measure) -> KindParams:
        """The measure's params, validated (raises pydantic.ValidationError)."""
        return self.Params.model_validate(measure.params)

    shares_queries: ClassVar[bool] = False
    """True when :meth:`compute_many` computes several measures in fewer queries than one
    each; :func:`charterwatch.measures.compute.compute_measures` then hands it every measure
    of the kind at once."""

    @abstractmethod
    def compute(
        self, measure: Measure, params: Any, ctx: ComputeContext, years: list[str]
    ) -> list[ResultRow]:
        """Result rows for ``years`` (financial year labels), headline and breakdowns."""

    def compute_many(
        self, batch: Sequence[Task], ctx: ComputeContext
    ) -> dict[str, list[ResultRow]]:
        """The rows of each task's measure, by measure id.

        Raises as :meth:`compute` does; the caller then computes the measures one at a time
        so that the error is reported against the measure that caused it. The default
        computes them one at a time.
        """
        return {t.measure.id: self.compute(t.measure, t.params, ctx, t.years) for t in batch}


KINDS: dict[str, MeasureKind] = {}

K = TypeVar("K", bound=type[MeasureKind])


def register(cls: K) -> K:
    """Register a kind class (used as a decorator by every built-in kind)."""
    KINDS[cls.name] = cls()
    return cls


def load_builtin_kinds() -> dict[str, MeasureKind]:
    """Load the built-ins (:func:`charterwatch.builtins.load_builtins`) and return the kinds.

    Third-party kinds registered with :func:`register` are included.
    """
    from charterwatch.builtins import load_builtins

    load_builtins()
    return KINDS


def kind_of(measure: Measure) -> MeasureKind:
    """The kind object for a measure; raises KeyError naming the known kinds."""
    kinds = load_builtin_kinds()
    try:
        return kinds[measure.kind]
    except KeyError:
        raise KeyError(
            f"unknown measure kind '{measure.kind}'; known: {', '.join(sorted(kinds))}"
        ) from None
