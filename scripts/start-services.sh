#!/usr/bin/env bash
# Starts Redis and PostgreSQL on 127.0.0.1 for the PostgreSQL path of the dashboard and its tests.
# No systemd here: both run as plain background daemons. Idempotent: a service already answering is left alone.
# The PostgreSQL cluster lives outside the project (it survives worktrees and clean checkouts).
# Prints the connection strings as KEY=value lines (eval-able by scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

PGPORT="${MC_PGPORT:-5432}"
REDISPORT="${MC_REDISPORT:-6379}"
PGDATA="${MC_PGDATA:-/var/lib/postgresql/marketcontext}"
PGROLE=marketcontext
PGPASSWORD_VALUE="${MC_PGPASSWORD:-marketcontext}"

scripts/prerequisites.sh postgresql redis-server >&2

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# --- Redis
if ! redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null | grep -q PONG; then
  redis-server --bind 127.0.0.1 --port "$REDISPORT" --daemonize yes --save "" --appendonly no \
    --logfile /tmp/marketcontext-redis.log >&2
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
fi

# --- PostgreSQL
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
fi
if ! as_postgres "$bin/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
  mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
  as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=/var/run/postgresql -c max_connections=300 -c fsync=on" start >&2
fi
as_postgres "$bin/psql" -h /var/run/postgresql -p "$PGPORT" -d postgres -v ON_ERROR_STOP=1 -q <<SQL >&2
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$PGROLE') then
    create role $PGROLE login createdb password '$PGPASSWORD_VALUE';
  end if;
end \$\$;
SQL
as_postgres "$bin/psql" -h /var/run/postgresql -p "$PGPORT" -d postgres -tAc "select 1 from pg_database where datname = 'marketcontext'" | grep -q 1 \
  || as_postgres "$bin/psql" -h /var/run/postgresql -p "$PGPORT" -d postgres -qc "create database marketcontext owner $PGROLE" >&2

echo "MarketContext__Provider=postgres"
echo "MarketContext__ConnectionString='Host=127.0.0.1;Port=$PGPORT;Username=$PGROLE;Password=$PGPASSWORD_VALUE;Database=marketcontext'"
echo "MarketContext__Redis=127.0.0.1:$REDISPORT"
