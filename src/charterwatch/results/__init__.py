"""The results store: every computed figure with its base, interval, symbol and provenance."""
