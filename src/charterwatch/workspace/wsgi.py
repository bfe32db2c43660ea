"""The WSGI entry point, for gunicorn or any WSGI server (see docs/deploy-workspace.md)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterwatch.workspace.settings")
django_application = get_wsgi_application()
# Anonymous feedback posts from published pages take a short path (feedback_path.py): the
# same rules and answer, without the middleware a signed-in page needs.
from charterwatch.workspace.feedback_path import with_feedback_path  # noqa: E402 (after setup)

application = with_feedback_path(django_application)
