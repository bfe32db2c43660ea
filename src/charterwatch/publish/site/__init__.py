"""The static website: every page rendered from the publication, no server needed to read it."""
