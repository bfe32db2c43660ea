"""The framework as typed objects: file shapes, the resolved model, loading and checks.

Pure data and rules, no computing of figures and no rendering. Start with
:func:`charterwatch.model.loader.load_framework`.
"""

from charterwatch.model.framework import Framework
from charterwatch.model.issues import Issue, IssueList, Level
from charterwatch.model.loader import LoadResult, load_framework

__all__ = ["Framework", "Issue", "IssueList", "Level", "LoadResult", "load_framework"]
