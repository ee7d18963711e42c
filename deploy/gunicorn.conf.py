"""Gunicorn settings for Kinerja's pages and forms (WSGI); websockets go to uvicorn (ASGI) instead.

Threaded sync workers (gthread): a page is a few short queries, and perf.md measured WSGI about five times
faster than ASGI for Django views. nginx buffers requests and responses, so slow clients never hold a worker.
Every value can be overridden from the environment (`GUNICORN_*`); `gunicorn -c deploy/gunicorn.conf.py` from
the project directory.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "unix:/run/kinerja/wsgi.sock")]
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads per worker: a request waiting on a lock (up to the database's lock and statement timeouts, settings.py)
# holds one thread, not a whole worker, so the login page and the other pages keep answering meanwhile.
worker_class = "gthread"
# Two threads, and a worker takes no more connections than it has threads: a gthread worker otherwise accepts up to
# 1,000 connections into its own queue while its neighbours sit idle, and under the month-end rush (64 people, 2
# cores) that queueing, not the work, made the tail: p95 5.1 s at 40 req/s with 4 threads and the default queue,
# 1.8 s at 64 req/s like this (the pages mix 40 -> 71 req/s), measured side by side on one machine. The requests
# left waiting stay in the socket's backlog, where the first free worker takes them in order.
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads))
# Above the database's statement timeout (15 s by default), so a slow query ends as a 503 page, not a killed worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak in any library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# Import Django once in the master: workers fork ready to serve, and a broken deploy fails at start, not per worker.
preload_app = True
# The socket must be writable by nginx's user (systemd puts both in one group); prod-local, run by root with nginx
# workers as nobody, sets GUNICORN_UMASK=0.
umask = int(os.environ.get("GUNICORN_UMASK", "0o007"), 8)
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
control_socket_disable = True
# nginx logs every request already; set GUNICORN_ACCESSLOG=- to have gunicorn log them too.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "kinerja-web"
