"""Settings for the test suite: the real settings with fast hashing and captured email.

DATABASE_URL and CELERY_BROKER_URL still come from the environment, so the same suite runs on
SQLite with in-process tasks and on PostgreSQL with Redis.
"""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"  # tests/conftest.py gives each test its own folder
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# Tasks run in-process in tests, even where CELERY_BROKER_URL names the real Redis; the test that
# drives a real worker turns this off for itself.
CELERY_TASK_ALWAYS_EAGER = True
