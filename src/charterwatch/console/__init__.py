"""Terminal views: how framework objects, issues and results look in a terminal (Rich)."""
