"""Tests of charterwatch.dates: periods, working days, deadlines."""
