#!/usr/bin/env bash
# Runs a command against a real PostgreSQL 15 + PostGIS 3 (Debian packages), started here on 127.0.0.1 in a
# temporary folder as the postgres user and removed afterwards. The command gets TEST_DATABASE_URL (the
# postgres database of that server). Needs root for apt and runuser.
#   bash scripts/with-postgres.sh npx vitest run server      (npm run test:server:pg)
#   bash scripts/with-postgres.sh npx tsx scripts/bench/server_load.ts   (npm run bench:server)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$BIN/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "installing postgresql-15 and postgresql-15-postgis-3"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
fi
dir=$(mktemp -d /tmp/cc-pg.XXXXXX)
chown postgres "$dir"
# a free port on loopback
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
cleanup() {
  runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
runuser -u postgres -- "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$port"
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
