"""Synthetic raw data for an example framework, calibrated to its real published figures.

:func:`generate_example` writes one CSV per source, every record marked ``synthetic``, so
that the figures charterwatch computes from them reproduce the figures in
``published/figures.yaml``. The recipe (``synthetic.yaml``) holds what is tunable; see
``docs/synthetic-data.md``. Modules, one job each:

- :mod:`~charterwatch.synthetic.recipe`: the recipe's validated shape (registers ``synthetic:``);
- :mod:`~charterwatch.synthetic.targets`: the value each measure must show in each year;
- :mod:`~charterwatch.synthetic.draws`, :mod:`~charterwatch.synthetic.answers`,
  :mod:`~charterwatch.synthetic.categories`: exact counts, medians, means and shares;
- :mod:`~charterwatch.synthetic.dates`: dates exact under the working-day counting rule;
- :mod:`~charterwatch.synthetic.people`: equality characteristics and benefits;
- one generator per shape family: :mod:`~charterwatch.synthetic.survey`,
  :mod:`~charterwatch.synthetic.applications`, :mod:`~charterwatch.synthetic.caseflow`,
  :mod:`~charterwatch.synthetic.calls`, :mod:`~charterwatch.synthetic.complaints`,
  :mod:`~charterwatch.synthetic.staff`, :mod:`~charterwatch.synthetic.records`;
- :mod:`~charterwatch.synthetic.columns`: a source's declared columns, date order and
  columns that follow from others, completed for every shape;
- :mod:`~charterwatch.synthetic.ids`: record ids numbered in file order;
- :mod:`~charterwatch.synthetic.plan`: how many records each source, year and benefit gets;
- :mod:`~charterwatch.synthetic.writer`: deterministic CSV files;
- :mod:`~charterwatch.synthetic.generate`: the one entry point.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charterwatch.synthetic.generate import (
        GenerationError,
        GenerationReport,
        generate_example,
        load_recipe_framework,
        plan_example,
    )
    from charterwatch.synthetic.plan import PlannedVolume, VolumePlan
    from charterwatch.synthetic.recipe import Recipe
    from charterwatch.synthetic.targets import Target
    from charterwatch.synthetic.writer import WrittenFile

_HOMES = {
    "GenerationError": "generate",
    "GenerationReport": "generate",
    "generate_example": "generate",
    "load_recipe_framework": "generate",
    "plan_example": "generate",
    "PlannedVolume": "plan",
    "VolumePlan": "plan",
    "Recipe": "recipe",
    "Target": "targets",
    "WrittenFile": "writer",
}
"""Where each name lives: imported on first use, so that ``validate`` (which needs only the
recipe's shape) does not load pandas."""


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "GenerationError",
    "GenerationReport",
    "PlannedVolume",
    "Recipe",
    "Target",
    "VolumePlan",
    "WrittenFile",
    "generate_example",
    "load_recipe_framework",
    "plan_example",
]
