# Sourced by the benchmark runners: a throwaway PostgreSQL in $1 on 127.0.0.1:$2 (as root it runs as the postgres user,
# because the server refuses root). Sets BENCH_PG_CONNECTION; bench_pg_stop stops it and removes its directory.
bench_pg_start() { # data directory, port
  BENCH_PG_DATA="$1"; local port="$2" bin="${INGEST_PG_BIN:-/usr/lib/postgresql/15/bin}" password="bench-$RANDOM$RANDOM"
  local parent; parent="$(dirname "$BENCH_PG_DATA")"
  bench_pg_stop
  mkdir -p "$BENCH_PG_DATA"; local pwfile="$parent/pg.pw"; printf '%s\n' "$password" >"$pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$BENCH_PG_DATA" "$pwfile"; chmod 700 "$BENCH_PG_DATA"; fi
  bench_pg_as_owner "$bin/initdb" -D "$BENCH_PG_DATA" -U postgres --pwfile "$pwfile" -A scram-sha-256 -E UTF8 --locale C >"$parent/postgres-init.log" 2>&1 \
    || { rm -f "$pwfile"; echo "initdb failed (log: $parent/postgres-init.log)" >&2; return 1; }
  rm -f "$pwfile"
  touch "$parent/postgres.log"; if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$parent/postgres.log"; fi
  bench_pg_as_owner "$bin/pg_ctl" -D "$BENCH_PG_DATA" -l "$parent/postgres.log" -w -t 60 \
    -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$BENCH_PG_DATA -c max_connections=200 ${BENCH_PG_OPTIONS:-}" start >/dev/null \
    || { echo "PostgreSQL did not start (log: $parent/postgres.log)" >&2; return 1; }
  BENCH_PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"; BENCH_PG_PASSWORD="$password"
}

bench_pg_stop() {
  [ -n "${BENCH_PG_DATA:-}" ] || return 0
  if [ -f "$BENCH_PG_DATA/postmaster.pid" ]; then
    bench_pg_as_owner "${INGEST_PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" -D "$BENCH_PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$BENCH_PG_DATA"
}

bench_pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
