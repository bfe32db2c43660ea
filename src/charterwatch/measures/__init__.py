"""Measures: each measure kind turns source tables into result rows, on any Ibis backend.

Kinds live in :mod:`charterwatch.measures.kinds`, one module each, and register themselves in
:data:`charterwatch.measures.registry.KINDS` exactly as a third-party kind would. Measure code
builds Ibis expressions only; it never imports duckdb or psycopg (the engine alone connects).
"""
