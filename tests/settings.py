"""Settings for the test suite: production settings with plain HTTP and a fast password hasher.

Argon2 stays first in production; tests that check hashing itself override ``PASSWORD_HASHERS``.
"""

from trustplan.config.settings import *  # noqa: F403

HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; see above
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
