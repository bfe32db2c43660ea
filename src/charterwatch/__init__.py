"""charterwatch: measure, explain and publish how a public service keeps its charter's promises."""

__version__ = "0.1.0"
