#!/usr/bin/env bash
# The production setup on loopback, for the benchmark and for trying a release: nginx in front, gunicorn (WSGI)
# for pages, uvicorn (ASGI) for /ws/, the task worker, PostgreSQL and Redis on 127.0.0.1. No TLS, so the
# secure-cookie and SSL-redirect settings are off; everything else is as on a server.
#
#   deploy/prod-local.sh start    (make prod-local)       deploy/prod-local.sh stop    (make prod-local-stop)
#   deploy/prod-local.sh env      prints the settings (environment) the servers run with
#   deploy/prod-local.sh conf     writes the nginx configuration only (PROD_DIR/nginx.conf) and checks it
#
# Tunables (environment): PROD_PORT (8080), PROD_DB (kinerja_prod), PROD_DIR (/tmp/kinerja-prod),
# PROD_DATABASE_URL and PROD_REDIS_URL (servers of the caller's own, e.g. the fault suite's; then neither the shared
# PostgreSQL and Redis nor the database are touched), PROD_REPLICA_URL (a streaming replica of that database, e.g.
# from deploy/pg-replica.sh: becomes DATABASE_REPLICA_URL), WEB_WORKERS (2 x cores + 1), WS_WORKERS (2),
# PROD_PAGES (wsgi; "asgi" sends pages to uvicorn too, to compare the two in a benchmark), PROD_NODES or NODES (1):
# application nodes, each a gunicorn and a uvicorn of its own (WEB_WORKERS and WS_WORKERS each) behind one nginx
# upstream, as on several servers (see "Several nodes" below). Logs, sockets, pid files and the generated
# configuration live in PROD_DIR; `set -a; . "$PROD_DIR/kinerja.env"; set +a` gives a shell the same settings
# (e.g. to run seed_demo).
set -euo pipefail
cd "$(dirname "$0")/.."

REPO=$PWD
BIN=$REPO/.venv/bin
PORT=${PROD_PORT:-8080}
DB=${PROD_DB:-kinerja_prod}
RUN=${PROD_DIR:-/tmp/kinerja-prod}
WEB_WORKERS=${WEB_WORKERS:-$(($(nproc) * 2 + 1))}
WS_WORKERS=${WS_WORKERS:-2}
PAGES=${PROD_PAGES:-wsgi}
NODES=${PROD_NODES:-${NODES:-1}}
URL="http://127.0.0.1:$PORT/"

log() { printf 'prod-local: %s\n' "$*"; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {
    local pidfile=$1 signal=${2:-TERM} pid
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(cat "$pidfile")
    kill -"$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "process $pid did not stop in 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

# --- Several nodes ---
# Node 1 keeps the single-node names (wsgi.sock, gunicorn.pid, gunicorn.log, ...); node n > 1 adds "-n"
# (wsgi-2.sock, gunicorn-2.pid, uvicorn-2.log, ...). Each node is independent: killing one leaves the others
# serving, and nginx passes idempotent requests that found a node dead on to the next (deploy/nginx.conf).
# The task worker is one for the whole setup (tasks are claimed with row locks, so more would be safe too).
node_suffix() { [ "$1" = 1 ] || printf -- '-%s' "$1"; }

# The `server` lines of one upstream: every node's socket of that kind (wsgi, asgi).
upstream_servers() {
    local kind=$1 node options=fail_timeout=0
    # One node: never marked down (retry at once after a restart). Several: a node that failed is skipped for 5 s,
    # so requests do not keep knocking on a dead node first.
    [ "$NODES" = 1 ] || options="max_fails=1 fail_timeout=5s"
    for node in $(seq "$NODES"); do
        printf 'server unix:%s/%s%s.sock %s;\n' "$RUN" "$kind" "$(node_suffix "$node")" "$options"
    done
}

stop_nodes() {
    local pidfile
    # Every node that is running, however many the last start had.
    for pidfile in "$RUN"/gunicorn.pid "$RUN"/gunicorn-*.pid "$RUN"/uvicorn.pid "$RUN"/uvicorn-*.pid; do
        [ -e "$pidfile" ] && stop_pidfile "$pidfile"
    done
    return 0
}

start_node() {
    local node=$1 suffix
    suffix=$(node_suffix "$node")
    GUNICORN_BIND="unix:$RUN/wsgi$suffix.sock" GUNICORN_WORKERS=$WEB_WORKERS GUNICORN_UMASK=0 \
        GUNICORN_PIDFILE="$RUN/gunicorn$suffix.pid" GUNICORN_ERRORLOG="$RUN/gunicorn$suffix.log" \
        "$BIN/gunicorn" -c deploy/gunicorn.conf.py --daemon
    nohup setsid "$BIN/uvicorn" config.asgi:application --uds "$RUN/asgi$suffix.sock" --workers "$WS_WORKERS" \
        --lifespan off --proxy-headers --forwarded-allow-ips '*' --no-access-log \
        >"$RUN/uvicorn$suffix.log" 2>&1 </dev/null &
    echo $! >"$RUN/uvicorn$suffix.pid"
}
# The pid file names (without .pid) of every node's servers.
node_processes() {
    local node
    for node in $(seq "$NODES"); do echo "gunicorn$(node_suffix "$node") uvicorn$(node_suffix "$node")"; done
}
# --- end several nodes ---

stop() {
    stop_pidfile "$RUN/nginx.pid" TERM  # fast shutdown: a graceful one would wait for open websockets
    stop_nodes
    stop_pidfile "$RUN/worker.pid"
    log "stopped"
}

ensure_nginx() {
    command -v nginx >/dev/null && return 0
    log "installing nginx (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
}

ensure_services() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        log "starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        log "starting Redis"
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    fi
}

# PostgreSQL on this host: through its Unix socket when there is one (a query's round trip costs less than half
# of one over TCP on loopback), else over TCP.
if [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then DB_HOST=%2Fvar%2Frun%2Fpostgresql; else DB_HOST=127.0.0.1:5432; fi

print_env() {
    # The secret survives restarts (sessions stay valid) but never leaves PROD_DIR.
    mkdir -p "$RUN"
    [ -s "$RUN/secret_key" ] || (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$RUN/secret_key")
    cat <<EOF
DJANGO_SETTINGS_MODULE=config.settings
DJANGO_DEBUG=0
DJANGO_SECRET_KEY=$(cat "$RUN/secret_key")
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECURE_SSL_REDIRECT=0
DJANGO_SECURE_COOKIES=0
DATABASE_URL=${PROD_DATABASE_URL:-postgres://postgres@$DB_HOST/$DB}
REDIS_URL=${PROD_REDIS_URL:-redis://127.0.0.1:6379/0}
DJANGO_STATIC_ROOT=$RUN/static
DJANGO_MEDIA_ROOT=$RUN/media
KINERJA_TASKS_BACKEND=database
KINERJA_BEHIND_PROXY=1
DJANGO_EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
EOF
    # A streaming replica for the heavy read-only pages (deploy/pg-replica.sh, common/replicas.py), when given.
    [ -z "${PROD_REPLICA_URL:-}" ] || echo "DATABASE_REPLICA_URL=$PROD_REPLICA_URL"
}

write_env() {
    (umask 077 && print_env >"$RUN/kinerja.env")
}

write_nginx_conf() {
    mkdir -p "$RUN/nginx-tmp"
    # The template names one server per upstream; each `server` line is replaced by one line per node.
    KINERJA_LISTEN="127.0.0.1:$PORT" KINERJA_SERVER_NAME="127.0.0.1 localhost" KINERJA_TLS_CONF=/dev/null \
        KINERJA_WSGI_UPSTREAM=@WSGI_NODES@ KINERJA_ASGI_UPSTREAM=@ASGI_NODES@ \
        KINERJA_STATIC_ROOT="$RUN/static" \
        envsubst '${KINERJA_LISTEN} ${KINERJA_SERVER_NAME} ${KINERJA_TLS_CONF} ${KINERJA_WSGI_UPSTREAM} ${KINERJA_ASGI_UPSTREAM} ${KINERJA_STATIC_ROOT}' \
        <deploy/nginx.conf |
        awk -v wsgi="$(upstream_servers "$PAGES")" -v asgi="$(upstream_servers asgi)" '
            function servers(lines, indent,   count, line, i) {
                count = split(lines, line, "\n")
                for (i = 1; i <= count; i++) if (line[i] != "") print indent line[i]
            }
            /^ *server @WSGI_NODES@ / { match($0, /^ */); servers(wsgi, substr($0, 1, RLENGTH)); next }
            /^ *server @ASGI_NODES@ / { match($0, /^ */); servers(asgi, substr($0, 1, RLENGTH)); next }
            { print }' >"$RUN/kinerja-site.conf"
    cat >"$RUN/nginx.conf" <<EOF
# Generated by deploy/prod-local.sh; the site itself is deploy/nginx.conf.
worker_processes auto;
# A websocket holds two connections (client and node); the benchmark's 1,000 live clients and the page load fit.
worker_rlimit_nofile 20000;
pid $RUN/nginx.pid;
error_log $RUN/nginx.log warn;
$( [ "$(id -u)" = 0 ] && echo "user www-data;" )
events { worker_connections 8192; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log $RUN/nginx-access.log combined buffer=64k flush=5s;
    client_body_temp_path $RUN/nginx-tmp/body;
    proxy_temp_path $RUN/nginx-tmp/proxy;
    fastcgi_temp_path $RUN/nginx-tmp/fastcgi;
    uwsgi_temp_path $RUN/nginx-tmp/uwsgi;
    scgi_temp_path $RUN/nginx-tmp/scgi;
    include $RUN/kinerja-site.conf;
}
EOF
    nginx -t -q -c "$RUN/nginx.conf" -p "$RUN"
}

start() {
    [ -x "$BIN/python" ] || { log "run 'make install' first"; exit 1; }
    case $PAGES in wsgi | asgi) ;; *) log "PROD_PAGES must be wsgi or asgi" && exit 2 ;; esac
    check_nodes
    ensure_nginx
    [ -n "${PROD_DATABASE_URL:-}" ] || ensure_services
    stop >/dev/null
    mkdir -p "$RUN" "$RUN/media"
    chmod 755 "$RUN"
    write_env
    set -a
    # shellcheck disable=SC1091
    . "$RUN/kinerja.env"
    set +a

    if [ -z "${PROD_DATABASE_URL:-}" ]; then
        psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
            createdb -h 127.0.0.1 -U postgres "$DB"
    fi
    log "migrating database $DB"
    "$BIN/python" manage.py migrate --no-input -v 0
    # The demo accounts (published password) are fine on loopback, hence --force despite DEBUG being off.
    if "$BIN/python" manage.py help --commands | grep -qx seed_demo; then
        "$BIN/python" manage.py seed_demo --force
    fi
    "$BIN/python" manage.py collectstatic --no-input --clear -v 0
    "$BIN/python" manage.py check --deploy --fail-level ERROR

    log "starting $NODES node(s) of gunicorn ($WEB_WORKERS workers) and uvicorn ($WS_WORKERS workers), the task worker and nginx; pages over $PAGES"
    # Many open websockets per uvicorn (the benchmark's live clients): as many descriptors as allowed.
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    for node in $(seq "$NODES"); do start_node "$node"; done
    nohup setsid "$BIN/python" manage.py db_worker --queue-name '*' --no-reload \
        >"$RUN/worker.log" 2>&1 </dev/null &
    echo $! >"$RUN/worker.pid"
    write_nginx_conf
    nginx -c "$RUN/nginx.conf" -p "$RUN"

    for _ in $(seq 60); do
        if curl -fsS -o /dev/null "${URL}accounts/login/" 2>/dev/null; then
            for process in $(node_processes) worker nginx; do
                alive "$RUN/$process.pid" || {
                    log "$process is not running; see $RUN/$process.log"
                    exit 1
                }
            done
            "$BIN/python" deploy/smoke_check.py --url "$URL" --env "$RUN/kinerja.env"
            log "Kinerja (production setup) is at $URL   logs: $RUN/*.log   stop: make prod-local-stop"
            return 0
        fi
        sleep 0.5
    done
    log "no answer from $URL after 30 s; see $RUN/*.log"
    exit 1
}

check_nodes() {
    case $NODES in '' | *[!0-9]* | 0) log "PROD_NODES (NODES) must be a whole number of at least 1" && exit 2 ;; esac
}

case ${1:-} in
start) start ;;
stop) stop ;;
env) print_env ;;
conf)
    check_nodes
    ensure_nginx
    write_nginx_conf
    echo "$RUN/nginx.conf"
    ;;
*)
    echo "usage: $0 start|stop|env|conf" >&2
    exit 2
    ;;
esac
