"""Safehold settings, driven by environment variables.

Every setting has a safe default for the embedded run (`make run`): a SQLite file, tasks run
in-process, email written to a local folder. Production sets DATABASE_URL, CELERY_BROKER_URL,
EMAIL_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=0 (see docs/operations.md).
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The fallback key only serves the embedded run; production refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "embedded-development-key-not-for-production-use-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "crisis",
    "assessment",
    "stakeholders",
    "response",
    "training",
    "reviews",
    "demo",
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
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "crisis.audit.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "crisis.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "crisis:home"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: no anonymous user row; permissions live in direct foreign-key tables.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# django-axes: lock an account/IP pair out after repeated failed logins.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Evidence, policy documents and reports: never served as media, only by checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", MEDIA_ROOT / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence, policy documents and reports: no public URL, served only by permission-checked views.
    "private": {"BACKEND": "crisis.storage.PrivateFileStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Evidence uploads: allowed types are checked by content, not only by extension.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))

# Links in emails (the signed status report download, the page a report waits on) are made against
# this address: set it to where users reach the app (`make run PORT=8001` sets it for that port).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
REPORT_LINK_MAX_AGE_DAYS = int(os.environ.get("REPORT_LINK_MAX_AGE_DAYS", "14"))

# What every document that leaves the organisation carries.
CONSULTANCY_NAME = os.environ.get("CONSULTANCY_NAME", "Safehold Safeguarding Consultancy")
REPORT_PROTECTIVE_MARKING = os.environ.get(
    "REPORT_PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE — not for onward circulation without consent")
# Replies to a report go to the case's lead consultant; this address when a case has none.
REPORT_REPLY_TO = os.environ.get("REPORT_REPLY_TO", "safeguarding@safehold.example")
# A report to an audience outside the organisation waits for a second consultant's approval; after
# this many hours unapproved it is flagged to the lead (it is never sent without approval).
REPORT_APPROVAL_HOURS = int(os.environ.get("REPORT_APPROVAL_HOURS", "24"))

# Email: EMAIL_URL such as smtp://user:pass@host:1025 or smtp+tls://...; without it, mail goes
# to files under var/mail so the embedded run keeps every message it "sends".
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Safehold <no-reply@safehold.local>")
if EMAIL_URL:
    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

# Celery: with no broker the embedded run executes tasks in-process, after commit.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", os.environ.get("REDIS_URL", ""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Beat runs a small fixed schedule; what is due lives in the database.
CELERY_BEAT_SCHEDULE: dict = {
    "dispatch-due-status-reports": {
        "task": "stakeholders.tasks.dispatch_due_updates",
        "schedule": 300.0,  # every five minutes; what is due lives in UpdateSchedule.next_due_at
    },
    "flag-unapproved-status-reports": {
        "task": "stakeholders.tasks.flag_unapproved_reports",
        "schedule": 900.0,  # every quarter of an hour
    },
    "daily-action-digests": {
        "task": "response.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "daily-training-reminders": {
        "task": "training.tasks.send_training_reminders",
        "schedule": crontab(hour=7, minute=15),  # UK time (CELERY_TIMEZONE); what is due lives in the records
    },
    "daily-follow-up-reminders": {
        "task": "training.tasks.send_follow_up_reminders",
        "schedule": crontab(hour=7, minute=30),  # what is due lives in FollowUpReview.due_on
    },
}

# Follow-up reviews after a case closes: so many months after the closing day.
EXIT_FOLLOW_UP_MONTHS: tuple[int, ...] = (3, 6)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    # Choice sets shared by several fields named alike get one name of their own.
    "ENUM_NAME_OVERRIDES": {
        "CourseKindEnum": "training.models.CourseKind",
        "ExitCriterionKindEnum": "training.models.ExitCriterionKind",
        "ExitSignOffRoleEnum": "training.models.ExitSignOff.Role",
        "ExitOverrideStatusEnum": "training.models.ExitOverride.Status",
        "FollowUpReviewStatusEnum": "training.models.FollowUpReview.Status",
        # The names these had while they were the only "role" and "status" choices of the API.
        "RoleEnum": "crisis.models.privacy.ProtectedName.Role",
        "StatusEnum": "assessment.models.Risk.Status",
        "SurveyGroupEnum": "training.models.SurveyGroup",
        "ObservationKindEnum": "training.models.Observation.Kind",
    },
    "TITLE": "Safehold API",
    "DESCRIPTION": "Organisations, cases and chronology, scoped to what the signed-in user may see.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Trust X-Forwarded-For for the audit log's IP only when a proxy in front sets it.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Anonymous surveys (training): results of a group are shown from this many responses (never fewer
# than 3), and one link takes at most this many responses an hour (a flood is refused with 429).
SURVEY_MIN_RESPONSES = max(int(os.environ.get("SURVEY_MIN_RESPONSES", "5")), 3)
SURVEY_SUBMISSIONS_PER_HOUR = int(os.environ.get("SURVEY_SUBMISSIONS_PER_HOUR", "120"))
