"""Tests of the open-data downloads."""
