#!/bin/sh
# A private PostgreSQL server for the store tests: `tests/postgres.sh up` / `down`.
#
# up:   finds Debian's PostgreSQL binaries (installs the `postgresql` package when they are
#       missing), makes a data directory under .pgdata/ (git-ignored), starts the server on
#       127.0.0.1:$PG_PORT and a socket inside .pgdata/, and writes its URL to .pgdata/url.
#       When no server can be had it warns and exits 0: the PostgreSQL tests then skip.
# down: stops that server (the data directory is kept, so the next `up` is quick).
#
# PostgreSQL refuses to run as root (CI does), so as root the server runs as `postgres`.
set -u
PG_PORT="${PG_PORT:-55432}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.pgdata"
DATA="$DIR/data"
URL="$ROOT/.pgdata/url"
# As root the server runs as `postgres`, which may not be able to enter the checkout (a
# home directory, say): the data then lives in a private directory under the temp area,
# recorded in .pgdata/datadir so that `down` finds it.
if [ -f "$ROOT/.pgdata/datadir" ]; then
    DIR="$(cat "$ROOT/.pgdata/datadir")"
    DATA="$DIR/data"
fi

find_bin() {
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    # Debian keeps the server binaries out of PATH, one directory per major version.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

up() {
    BIN="$(find_bin)"
    if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
        echo "installing Debian's postgresql for the store tests"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
            >/dev/null) 2>/dev/null
        BIN="$(find_bin)"
    fi
    mkdir -p "$ROOT/.pgdata"
    rm -f "$URL"
    if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
        echo "warning: could not install Debian's postgresql package;" \
             "the PostgreSQL store tests will be skipped"
        return 0
    fi
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$DIR"
        if ! runuser -u postgres -- test -w "$DIR"; then
            DIR="$(mktemp -d "${TMPDIR:-/tmp}/presswatch-pg.XXXXXX")"
            DATA="$DIR/data"
            chmod 700 "$DIR" && chown postgres "$DIR"
            echo "$DIR" >"$ROOT/.pgdata/datadir"
        fi
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        # C collation: text sorts by code point, as SQLite's does (listings order the same).
        as_owner "$BIN/initdb" -D "$DATA" -U presswatch --auth=trust --encoding=UTF8 \
            --lc-collate=C --lc-ctype=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
            || { echo "warning: initdb failed (see $DIR/initdb.log);" \
                      "the PostgreSQL store tests will be skipped"; return 0; }
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        # fsync off: a throwaway test server, nothing in it outlives the run.
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
            -o "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start \
            >/dev/null \
            || { echo "warning: PostgreSQL did not start (see $DIR/server.log);" \
                      "the PostgreSQL store tests will be skipped"; return 0; }
    fi
    echo "postgresql://presswatch@127.0.0.1:$PG_PORT/postgres" >"$URL"
    echo "PostgreSQL for the store tests at $(cat "$URL")"
}

down() {
    BIN="$(find_bin)"
    rm -f "$URL"
    if [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    *) echo "usage: tests/postgres.sh up|down" >&2; exit 2 ;;
esac
