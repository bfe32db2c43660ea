"""The fields of the "Was this page useful?" form, in one place for both ends: the published
pages' form (``base.html``) and the workspace that receives it (``workspace.public``)."""

from __future__ import annotations

PAGE = "page"
"""The page's path within the site, e.g. ``measures/M1/index.html``."""
USEFUL = "useful"
"""``yes``, ``no`` or nothing."""
TEXT = "text"
"""What could be better, in the reader's words."""
TRAP = "website"
"""The hidden field: a person never sees it, a form-filling robot fills it."""
FIELDS = (PAGE, USEFUL, TEXT, TRAP)
