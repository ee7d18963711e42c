#!/usr/bin/env bash
# A PostgreSQL streaming replica (hot standby) of a primary, as a second PostgreSQL instance on this machine: its own
# data directory and port, copied with pg_basebackup and following the primary's WAL stream. Kinerja reads its heavy
# read-only pages from it when DATABASE_REPLICA_URL points at it (common/replicas.py, deploy/province.md).
#
#   deploy/pg-replica.sh init      copy the primary (pg_basebackup -R: the copy starts as a standby of it)
#   deploy/pg-replica.sh start     start the standby          deploy/pg-replica.sh stop    stop it (fast)
#   deploy/pg-replica.sh status    running or not, and how far behind the primary it is
#   deploy/pg-replica.sh url       the DATABASE_REPLICA_URL for database $REPLICA_DB
#
# Tunables (environment): PRIMARY_HOST (127.0.0.1), PRIMARY_PORT (5432), PRIMARY_USER (postgres: a role with the
# REPLICATION attribute), REPLICA_DIR (/var/lib/kinerja-replica; the data directory is $REPLICA_DIR/data, the log
# and socket live beside it), REPLICA_PORT (5433), REPLICA_DB (kinerja_prod, only for `url`).
#
# The primary needs nothing unusual, and this script never changes it: wal_level "replica" (PostgreSQL's default),
# max_wal_senders above 0 (default 10), and a pg_hba.conf line letting PRIMARY_USER connect for replication from this
# machine, e.g. `host replication postgres 127.0.0.1/32 scram-sha-256` (initdb writes one for the local machine).
# `init` checks the first two and says what is missing. Run as root (the servers then run as the postgres user) or
# as the postgres user.
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PRIMARY_USER=${PRIMARY_USER:-postgres}
BASE=${REPLICA_DIR:-/var/lib/kinerja-replica}
PORT=${REPLICA_PORT:-5433}
DATA=$BASE/data
LOG=$BASE/postgres.log

log() { printf 'pg-replica: %s\n' "$*"; }

bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n1)
    [ -n "$found" ] || { log "PostgreSQL server binaries ($1) not found (apt-get install postgresql)"; exit 1; }
    echo "$found"
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

primary_sql() {
    as_postgres psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -tAXc "$1"
}

replica_sql() {
    as_postgres psql -h "$BASE" -p "$PORT" -U "$PRIMARY_USER" -d postgres -tAXc "$1"
}

pg_ctl() {
    as_postgres "$(bin pg_ctl)" "$@"
}

init() {
    [ ! -e "$DATA/PG_VERSION" ] || { log "$DATA already holds a cluster; stop it and remove $BASE to copy afresh"; exit 1; }
    local wal_level senders
    wal_level=$(primary_sql "SHOW wal_level")
    senders=$(primary_sql "SHOW max_wal_senders")
    case $wal_level in replica | logical) ;; *)
        log "the primary has wal_level=$wal_level; set wal_level = replica in its postgresql.conf and restart it"
        exit 1
        ;;
    esac
    [ "$senders" -gt 0 ] || { log "the primary has max_wal_senders = 0; raise it (e.g. 10) and restart it"; exit 1; }
    mkdir -p "$BASE"
    [ "$(id -u)" != 0 ] || chown postgres:postgres "$BASE"
    chmod 700 "$BASE"
    log "copying the primary $PRIMARY_HOST:$PRIMARY_PORT into $DATA (pg_basebackup)"
    # -R writes standby.signal and primary_conninfo: the copy starts as a standby streaming from the primary, and
    # its application_name names it in the primary's pg_stat_replication.
    as_postgres "$(bin pg_basebackup)" \
        -d "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PRIMARY_USER application_name=kinerja_replica" \
        -D "$DATA" -X stream -R -c fast
    # A packaged cluster (Debian's /etc/postgresql/...) keeps its configuration outside the data directory, so the
    # copy has none: the standby gets the primary's client authentication and an empty postgresql.conf (its own
    # settings are given on the command line by `start`).
    local name source
    for name in hba ident; do
        [ -e "$DATA/pg_$name.conf" ] && continue
        source=$(primary_sql "SHOW ${name}_file")
        if [ -r "$source" ]; then as_postgres cp "$source" "$DATA/pg_$name.conf"; else as_postgres touch "$DATA/pg_$name.conf"; fi
    done
    [ -e "$DATA/postgresql.conf" ] || as_postgres touch "$DATA/postgresql.conf"
    log "initialised; start it with: $0 start"
}

start() {
    [ -e "$DATA/standby.signal" ] || { log "no standby in $DATA; run: $0 init"; exit 1; }
    if pg_ctl status -D "$DATA" >/dev/null 2>&1; then log "already running on port $PORT"; return 0; fi
    pg_ctl start -D "$DATA" -l "$LOG" -w \
        -o "-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c hot_standby=on -c cluster_name=kinerja_replica"
    log "standby running on 127.0.0.1:$PORT (log: $LOG)"
}

stop() {
    pg_ctl status -D "$DATA" >/dev/null 2>&1 || { log "not running"; return 0; }
    pg_ctl stop -D "$DATA" -m fast -w
}

status() {
    if ! pg_ctl status -D "$DATA" >/dev/null 2>&1; then
        log "not running ($DATA)"
        return 3
    fi
    replica_sql "SELECT 'standby: ' || pg_is_in_recovery()
        || ', receiving: ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'no stream')
        || ', replayed all received: ' || (pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn())
        || ', last replayed commit: ' || coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()))
        || ' s ago', 'none')"
}

case ${1:-} in
init) init ;;
start) start ;;
stop) stop ;;
status) status ;;
url) echo "postgres://$PRIMARY_USER@127.0.0.1:$PORT/${REPLICA_DB:-kinerja_prod}" ;;
*)
    echo "usage: $0 init|start|stop|status|url" >&2
    exit 2
    ;;
esac
