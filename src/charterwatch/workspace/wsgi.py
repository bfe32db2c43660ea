"""The WSGI entry point, for gunicorn or any WSGI server (see docs/deploy-workspace.md)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterwatch.workspace.settings")
application = get_wsgi_application()
