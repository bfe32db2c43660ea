"""Tests of the server-rendered charts."""
