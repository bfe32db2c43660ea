"""Tests for charterwatch.stats: intervals, change, disclosure control and symbols."""
