"""Django settings of the workspace, read from the environment.

``CHARTERWATCH_FRAMEWORK`` is the framework folder; ``CHARTERWATCH_WORKSPACE_DATA`` the folder
for the database (SQLite by default), accepted returns and the secret key (default: the
framework's ``.charterwatch/workspace``). ``DATABASE_URL`` (e.g.
``postgresql://user@host:5432/charterwatch``) selects another database. Safe by default:
``DEBUG`` off, secure cookies unless ``CHARTERWATCH_INSECURE_COOKIES=1`` (for http on your
own machine), argon2 password hashing, login throttling, CSRF, a content security policy.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext

django_stubs_ext.monkeypatch()  # lets ModelAdmin[Model] and ModelForm[Model] be written

PACKAGE = Path(__file__).resolve().parent
FRAMEWORK = Path(os.environ.get("CHARTERWATCH_FRAMEWORK", "examples/scotland")).resolve()
DATA = Path(
    os.environ.get("CHARTERWATCH_WORKSPACE_DATA", str(FRAMEWORK / ".charterwatch" / "workspace"))
).resolve()


def _secret_key() -> str:
    """The secret key from the environment, else the one kept in the data folder by
    ``charterwatch workspace`` (:func:`charterwatch.workspace.control.configure`), else a
    random one for this process only. Importing the settings never writes a file."""
    given = os.environ.get("CHARTERWATCH_SECRET_KEY")
    if given:
        return given
    path = DATA / "secret-key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(50)


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("CHARTERWATCH_DEBUG") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CHARTERWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "axes",
    "charterwatch.workspace.apps.WorkspaceConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "charterwatch.workspace.security.security_headers",
    "axes.middleware.AxesMiddleware",
    "charterwatch.workspace.audit.current_user_middleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ROOT_URLCONF = "charterwatch.workspace.urls"
WSGI_APPLICATION = "charterwatch.workspace.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "charterwatch.workspace.roles.role_context",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA / 'workspace.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write at once (feedback from the public side): WAL lets
    # readers go on during a write, IMMEDIATE takes the write lock at the start of a
    # transaction (no deadlock on upgrade) and a writer waits up to 20 s instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("CHARTERWATCH_STATIC_ROOT") or None
"""Where ``collectstatic`` gathers files for production; without it whitenoise serves the
package's own files directly (WHITENOISE_USE_FINDERS)."""
STATICFILES_DIRS = [PACKAGE.parent / "publish" / "site" / "vendor" / "design-system"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA / "returns"

LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"

UPLOAD_LIMIT_BYTES = int(os.environ.get("CHARTERWATCH_UPLOAD_LIMIT_MB", "200")) * 1024 * 1024
"""The largest return accepted; a bigger upload is refused before it is read."""
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

_secure = os.environ.get("CHARTERWATCH_INSECURE_COOKIES") != "1"
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True

# Email (release notices, their confirmations, reminders): an SMTP server you configure.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("CHARTERWATCH_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CHARTERWATCH_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CHARTERWATCH_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CHARTERWATCH_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CHARTERWATCH_SMTP_STARTTLS") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("CHARTERWATCH_MAIL_FROM", "charterwatch@localhost")

COMPUTE_IN = os.environ.get("CHARTERWATCH_COMPUTE_IN", "process")
"""Where a compute started from the workspace runs: ``process`` (a background process, so the
page answers at once and shows progress) or ``request`` (inside the request that starts it;
the tests use it, as their database is not visible to another process)."""
FEEDBACK_PER_HOUR = int(os.environ.get("CHARTERWATCH_FEEDBACK_PER_HOUR", "10"))
"""The most feedback one address may send in an hour; more is refused (429)."""
FEEDBACK_MAX_LINKS = 2
"""Feedback with more web links than this is kept as spam, not shown as new."""

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("CHARTERWATCH_TIME_ZONE", "Europe/London")
USE_I18N = False
USE_TZ = True
