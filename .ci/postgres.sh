#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests and prints its URL.
#   url=$(.ci/postgres.sh start)     # data folder in $JDSTOCK_PG_DIR (default /tmp/jdstock-pg)
#   .ci/postgres.sh stop
# Durability is switched off (fsync, synchronous_commit): this server only ever holds test data.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server not installed (Debian package postgresql)" >&2; exit 1; }
dir=${JDSTOCK_PG_DIR:-/tmp/jdstock-pg}
port=${JDSTOCK_PG_PORT:-54329}

# initdb refuses to run as root: run the server as Debian's postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    url="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      echo "$url"; exit 0  # already running (a second start from the same shell)
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "$url"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
