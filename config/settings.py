"""Kinerja settings: one module, every deploy-specific value read from the environment.

DEBUG is off unless DJANGO_DEBUG=1 says otherwise (fail closed: a server that forgets the variable serves no debug
pages, and refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS). `make run`, `make test`
(config/test_settings.py) and the browser tests turn it on; with it on, the defaults give a self-contained demo
(SQLite, in-memory channel layer). Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

import importlib.util
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in (env(name) or "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY") or env("SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or env_list("ALLOWED_HOSTS")
if not DEBUG:
    missing = [
        name
        for name, value in (("DJANGO_SECRET_KEY", SECRET_KEY), ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off, so these environment variables are required: " + ", ".join(missing)
        )
else:
    # Development only: a fixed key and loopback hosts, never used when DEBUG is off.
    SECRET_KEY = SECRET_KEY or "django-insecure-kinerja-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "viewflow",
    "viewflow.workflow",
    "common",
    "agencies",
    "workflow",
    "forums",
    "reminders",  # deadline reminders and e-mail preferences
    "reports",
    "surveys",  # --- surveys ---
    "development",  # capacity development
    "feedback",  # complaints and the public page
    "evaluation",  # agency evaluation teams and the IKU data calendar
    "audit",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the schema's documentation pages from vendored assets, no CDN
    "api",  # REST API for other systems (README "API")
]
# daphne makes `manage.py runserver` serve websockets too (make run, the browser tests). It is a development tool
# (requirements-dev.in): production serves pages with gunicorn and websockets with uvicorn, and does not install it.
if DEBUG and importlib.util.find_spec("daphne"):
    INSTALLED_APPS.insert(0, "daphne")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RetryLostConnectionMiddleware",
    "common.replicas.ReplicaReadsMiddleware",  # heavy read-only pages from the replica, when there is one
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "agencies.middleware.AuthenticationMiddleware",  # the user from the session's cache read (agencies/identity.py)
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.NulCharacterMiddleware",  # a 400 for "%00" in the address or a form (PostgreSQL refuses it)
    "common.sent_forms.SentOnceMiddleware",  # a form with {% sent_once %} adds its thing once, even sent twice
    "config.middleware.FormAddressPageMiddleware",  # a page, not a blank, for a GET on a form's address
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agencies.context_processors.roles",
                "forums.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# No query may hold the site (README "Operations"). On PostgreSQL every connection is checked before a request
# reuses it (a restarted server costs no error) and fails fast when the server is down. In the web processes
# (config/wsgi.py and config/asgi.py turn KINERJA_DB_TIMEOUTS on) a statement, a lock wait or an abandoned
# transaction is given up well before gunicorn (60 s) or nginx (60 s) would, and answers the 503 page
# (config/errors.py); migrations, the task worker and other commands are not limited.
DB_TIMEOUTS = env_bool("KINERJA_DB_TIMEOUTS", False)
DB_STATEMENT_TIMEOUT_MS = int(env("KINERJA_DB_STATEMENT_TIMEOUT_MS", "15000"))
DB_LOCK_TIMEOUT_MS = int(env("KINERJA_DB_LOCK_TIMEOUT_MS", "5000"))
DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = int(env("KINERJA_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", "30000"))
KINERJA_DB_CONNECT_WAIT_SECONDS = float(env("KINERJA_DB_CONNECT_WAIT_SECONDS", "2"))
# PostgreSQL plans a page's joined queries anew on every request (the plan page's own query: 3 ms of planning for
# 0.3 ms of execution). With the parameters sent apart from the SQL (server-side binding) psycopg prepares a query
# a connection has run KINERJA_DB_PREPARE_THRESHOLD times, and PostgreSQL then reuses its plan where that costs no
# more than planning each time. 0 turns this off: needed behind a transaction-pooling PgBouncer, which cannot
# keep a connection's prepared statements.
DB_PREPARE_THRESHOLD = int(env("KINERJA_DB_PREPARE_THRESHOLD", "5"))


def prepared_statements(options: dict) -> dict:
    if DB_PREPARE_THRESHOLD > 0:
        options.update(server_side_binding=True, prepare_threshold=DB_PREPARE_THRESHOLD)
    return options


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, waiting briefly for a restarting server and then failing fast (common/db/postgresql).
    DATABASES["default"]["ENGINE"] = "common.db.postgresql"
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(env("KINERJA_DB_CONNECT_TIMEOUT", "3"))
    prepared_statements(DATABASES["default"]["OPTIONS"])
    if DB_TIMEOUTS:
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} -c lock_timeout={DB_LOCK_TIMEOUT_MS}"
            f" -c idle_in_transaction_session_timeout={DB_IDLE_IN_TRANSACTION_TIMEOUT_MS}"
        )
# A PostgreSQL streaming replica for the heavy read-only pages (common/replicas.py, deploy/province.md): only reads
# of the pages listed there go to it, while it answers and lags at most KINERJA_REPLICA_MAX_LAG_SECONDS (measured every
# KINERJA_REPLICA_CHECK_SECONDS per process); whoever wrote reads from the primary for KINERJA_REPLICA_STICKY_SECONDS.
# Django's own PostgreSQL backend (no waiting for a restart: the primary serves while the replica is away), and a
# short connect timeout. Without DATABASE_REPLICA_URL everything reads from "default".
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = int(env("KINERJA_REPLICA_CONNECT_TIMEOUT", "1"))
    prepared_statements(DATABASES["replica"]["OPTIONS"])
    if DB_TIMEOUTS:
        DATABASES["replica"]["OPTIONS"]["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
KINERJA_REPLICA_READS = "replica" in DATABASES
DATABASE_ROUTERS = ["common.replicas.ReplicaRouter"]
KINERJA_REPLICA_MAX_LAG_SECONDS = float(env("KINERJA_REPLICA_MAX_LAG_SECONDS", "5"))
KINERJA_REPLICA_CHECK_SECONDS = float(env("KINERJA_REPLICA_CHECK_SECONDS", "2"))
KINERJA_REPLICA_STICKY_SECONDS = int(env("KINERJA_REPLICA_STICKY_SECONDS", "10"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while one writer commits; busy timeout absorbs short write bursts.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Redis is an accelerator, never a single point of failure: short timeouts on every client, so a Redis that is
    # down or drops packets costs a request at most about a second (README "Operations").
    REDIS_TIMEOUTS = {
        "socket_connect_timeout": float(env("KINERJA_REDIS_CONNECT_TIMEOUT", "0.5")),
        "socket_timeout": float(env("KINERJA_REDIS_TIMEOUT", "1")),
    }
    CHANNEL_LAYERS = {
        "default": {
            # The stock pub/sub layer, plus telling open sockets when Redis was lost and is back (common/layers.py).
            "BACKEND": "common.layers.ResyncingPubSubChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, **REDIS_TIMEOUTS}]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates put the day first, as Indonesian ones do (common/formats/en/formats.py).
FORMAT_MODULE_PATH = ["common.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are written and read only through Django's storage API (common/http.py, common/thumbnails.py):
# the local disk under MEDIA_ROOT by default; several application nodes share one storage instead, e.g. S3-compatible
# object storage with django-storages (deploy/province.md): KINERJA_MEDIA_STORAGE names the backend class,
# KINERJA_MEDIA_STORAGE_OPTIONS gives its options as JSON.
STORAGES = {
    "default": {
        "BACKEND": env("KINERJA_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(env("KINERJA_MEDIA_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "config.storage.StaticFilesStorage"
    },
}
# Uploaded evidence lives outside static and is served only through permission-checked views.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = None

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "kinerja@localhost")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30

# Background work (emails, period opening) goes through Django's tasks API (the django-tasks
# backport until Django 6). "database" queues tasks in the database and `manage.py db_worker` runs them, in
# another process (`make run` starts one beside the demo server); "immediate" runs them inline (the test suite).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if env("KINERJA_TASKS_BACKEND", "database") not in TASK_BACKENDS:
    raise ImproperlyConfigured("KINERJA_TASKS_BACKEND must be one of: " + ", ".join(TASK_BACKENDS))
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("KINERJA_TASKS_BACKEND", "database")]}}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Off only for plain-HTTP loopback setups (make prod-local): browsers drop secure cookies over http.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}

# Kinerja domain configuration (see shared domain notes): achievement display cap and status bands.
KINERJA_ACHIEVEMENT_CAP = float(env("KINERJA_ACHIEVEMENT_CAP", "120"))
# Uploads (common/uploads.py): one size limit and one list of accepted extensions for every upload (plan evidence,
# forum attachments, imports, ...); each file's bytes must also be what its extension says.
KINERJA_UPLOAD_MAX_BYTES = int(env("KINERJA_UPLOAD_MAX_BYTES", env("KINERJA_EVIDENCE_MAX_BYTES", str(5 * 1024 * 1024))))
# All files of one form together (several phone photos as evidence): nginx's client_max_body_size is this plus room
# for the form's other fields (deploy/nginx.conf; tests/platform/test_deploy.py keeps them in step).
KINERJA_UPLOAD_MAX_REQUEST_BYTES = int(env("KINERJA_UPLOAD_MAX_REQUEST_BYTES", str(25 * 1024 * 1024)))
KINERJA_UPLOAD_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "gif", "webp", "docx", "xlsx", "pptx", "csv", "txt"]
# Objections (keberatan) to a final predikat: days to file one after the rating, and days for the rater's supervisor
# to decide it (no primary source was found for either window: PermenPANRB 6/2022 leaves them to the Pemda).
# Connections an opening of a period walks the employees with at once on PostgreSQL (workflow/opening/services.py):
# most of its time is the database server's, one connection keeps one core busy. 1 turns the parallel walk off.
KINERJA_OPENING_WORKERS = int(env("KINERJA_OPENING_WORKERS", "2"))
KINERJA_OBJECTION_DAYS = int(env("KINERJA_OBJECTION_DAYS", "14"))
KINERJA_OBJECTION_DECISION_DAYS = int(env("KINERJA_OBJECTION_DECISION_DAYS", "14"))
# Steps of `manage.py seed_demo`, run in order in one transaction: dotted paths of idempotent callables seed(context)
# (see agencies/demo/__init__.py). Apps append their own demo step here, e.g. "workflow.demo.seed".
KINERJA_DEMO_SEEDERS = ["agencies.demo.seed", "workflow.demo.seed", "forums.demo.seed"]
# --- surveys --- (surveys/, README "Satisfaction surveys"): demo answers; the IKM weight ("exact" 1/9 or the
# regulation's printed "rounded" 0.111); the minimum seconds a person needs to fill in the survey.
KINERJA_DEMO_SEEDERS.append("surveys.demo.seed")
KINERJA_IKM_WEIGHT = env("KINERJA_IKM_WEIGHT", "exact")
if KINERJA_IKM_WEIGHT not in ("exact", "rounded"):
    raise ImproperlyConfigured("KINERJA_IKM_WEIGHT must be exact or rounded")
KINERJA_SURVEY_MIN_SECONDS = int(env("KINERJA_SURVEY_MIN_SECONDS", "8"))
# --- development (capacity development) ---
KINERJA_DEMO_SEEDERS.append("development.demo.seed")
# Yearly competence-development duty in lesson hours (JP) per employee type (PP 17/2020: 20 JP for PNS).
KINERJA_JP_DUTY = {"PNS": int(env("KINERJA_JP_DUTY_PNS", "20")), "PPPK": int(env("KINERJA_JP_DUTY_PPPK", "20"))}
# The effect view: months before and after a training (3, 6 or 12), and how many comparison IKU it needs.
KINERJA_EFFECT_WINDOW_MONTHS = int(env("KINERJA_EFFECT_WINDOW_MONTHS", "6"))
KINERJA_EFFECT_MIN_COMPARISON = int(env("KINERJA_EFFECT_MIN_COMPARISON", "3"))
# --- end development ---
KINERJA_DEMO_SEEDERS += ["feedback.demo.seed"]  # --- feedback ---
# Where SKP and evaluation documents are signed (the Pemda's seat, e.g. "Sleman"); blank leaves a line to fill in.
KINERJA_DOCUMENT_PLACE = env("KINERJA_DOCUMENT_PLACE", "")
# Only for `python -m bench`: routes a bare view (/bench/bare/) as the throughput baseline of the same servers.
KINERJA_BENCH_VIEWS = env_bool("KINERJA_BENCH_VIEWS", False)

# Security (config/security.py, audit/; README "Security"): login lockout by django-axes after repeated failures on
# one username, POST rate limits per user as (count, seconds), a shared cache for both when Redis is there.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "agencies.auth.KinerjaModelBackend"]
AXES_FAILURE_LIMIT = int(env("KINERJA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("KINERJA_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# Behind nginx every request comes from the proxy: take the visitor's address from X-Real-IP (rate limits per address).
KINERJA_BEHIND_PROXY = env_bool("KINERJA_BEHIND_PROXY", False)
KINERJA_RATE_LIMITS = {
    "forum_post": (int(env("KINERJA_RATE_FORUM_POSTS", "20")), 60),
    "upload": (int(env("KINERJA_RATE_UPLOADS", "30")), 60),
    # the public verification page of issued PDFs (workflow/views/verify.py), per address
    "verify": (int(env("KINERJA_RATE_VERIFY", "30")), 60),
    # --- surveys --- public IKM survey submissions, per address and per service, in an hour
    "survey_address": (int(env("KINERJA_RATE_SURVEY_ADDRESS", "20")), 3600),
    "survey_service": (int(env("KINERJA_RATE_SURVEY_SERVICE", "2000")), 3600),
    # "forgot password" e-mails (agencies/accounts.py): per visitor's address, and per e-mail address asked for
    "password_reset": (int(env("KINERJA_RATE_PASSWORD_RESETS", "5")), 3600),
    "password_reset_email": (int(env("KINERJA_RATE_PASSWORD_RESETS_PER_EMAIL", "3")), 3600),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.RedisCache",  # Django's, with one Redis client per pool
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_TIMEOUTS,
        }
    }
    # Sessions are read from Redis and written through to the database: one query less on every signed-in page,
    # and a session survives a Redis restart; with Redis down they are read from and written to the database.
    SESSION_ENGINE = "common.sessions"
KINERJA_SESSION_CACHE_SECONDS = int(env("KINERJA_SESSION_CACHE_SECONDS", "3600"))
# The signed-in user with their roles, cached per user (agencies/identity.py); changes invalidate it at once, this
# only bounds how long an entry written before a cache outage can outlive a change made during it.
KINERJA_IDENTITY_CACHE_SECONDS = int(env("KINERJA_IDENTITY_CACHE_SECONDS", "300"))

# --- feedback (complaints and the public page; README "Complaints") ---
# Days after the answer when a silent reporter's complaint closes by itself; how long a closed complaint keeps the
# reporter's name and contact (UU 27/2022); the least seconds between opening the public form and sending it (bots
# are faster); the fewest answered complaints before the public page shows an agency's figures; its cache time.
KINERJA_COMPLAINT_AUTO_CLOSE_DAYS = int(env("KINERJA_COMPLAINT_AUTO_CLOSE_DAYS", "14"))
KINERJA_COMPLAINT_CONTACT_RETENTION_DAYS = int(env("KINERJA_COMPLAINT_CONTACT_RETENTION_DAYS", "365"))
KINERJA_COMPLAINT_MIN_FILL_SECONDS = int(env("KINERJA_COMPLAINT_MIN_FILL_SECONDS", "5"))
KINERJA_PUBLIC_MIN_SAMPLE = int(env("KINERJA_PUBLIC_MIN_SAMPLE", "10"))
KINERJA_PUBLIC_CACHE_SECONDS = int(env("KINERJA_PUBLIC_CACHE_SECONDS", "120"))
KINERJA_RATE_LIMITS |= {
    "complaint": (int(env("KINERJA_RATE_COMPLAINTS", "5")), 3600),  # per address
    "complaint_category": (int(env("KINERJA_RATE_COMPLAINTS_PER_CATEGORY", "200")), 3600),  # per category
    # refused complaint forms whose files are kept for the next attempt (common/held_uploads.py), per address
    "complaint_held_files": (int(env("KINERJA_RATE_COMPLAINT_HELD_FILES", "10")), 3600),
}

# --- api: REST API (README "API") ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kinerja API",
    "DESCRIPTION": "Agencies, people, IKU, plans (SKP), complaints and survey results; exports for the national "
    "performance system. Authenticate with `Authorization: Bearer kin_…`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"RatingEnum": "workflow.predikat.Rating"},
}
KINERJA_RATE_LIMITS |= {
    "api": (int(env("KINERJA_RATE_API", "600")), 60),  # per token
    "api_anonymous": (int(env("KINERJA_RATE_API_ANONYMOUS", "60")), 60),  # per address
}

# --- board: reminders -------------------------------------------------------------------------------------------
# The address people open Kinerja at, for the links in e-mails (a worker has no request to build them from).
KINERJA_SITE_URL = env("KINERJA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Design system: every form's selects and choice lists rendered the same way (no "------"
# placeholder, a lone required option chosen already); see common/forms.py and docs/design.md.
FORM_RENDERER = "common.forms.FormRenderer"
# --- evaluation (agency evaluation teams, the IKU data calendar) ---
# A figure more than this many times above (or below) its recent published average needs an explanation.
KINERJA_EVALUATION_CHANGE_FACTOR = env("KINERJA_EVALUATION_CHANGE_FACTOR", "3")
KINERJA_DEMO_SEEDERS += ["evaluation.demo.seed"]
# --- end evaluation ---
