"""Consultation analysis for the charter review: agree/disagree surveys and coded interviews.

Below a respondent threshold (default 10) a statement's results are given only in words
("most", "some", "a few", as the Charter Review did) in every output: no count, percentage,
base or interval, and no chart whose sizes would give them away. At or above it, each
statement shows its percentages with the base and a 95% interval.
"""
