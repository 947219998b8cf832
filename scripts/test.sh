#!/usr/bin/env bash
# Runs every test: formatting, pure tests, host tests (real SQLite, real HTTP and WebSockets) and
# browser tests (Playwright driving Debian's Chromium), then the host tests again on PostgreSQL (and Redis
# for the two-instance test), started by scripts/start-services.sh. Prints one closing line counting every run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/prerequisites.sh fonts-dejavu-core chromium sqlite3

# Tests over the real price history read it from the configured folder.
export MarketContext__PricesDirectory="${MarketContext__PricesDirectory:-$root/../shared/data/prices}"
export MarketContext__CorpusDirectory="${MarketContext__CorpusDirectory:-$root/../shared/data/corpus/real}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# PostgreSQL and Redis on loopback: the PostgreSQL run below, and the two-instance test of both runs.
services=$(scripts/start-services.sh)

dotnet build MarketContext.sln -nologo -v q
dotnet format MarketContext.sln --verify-no-changes --no-restore

results=$(mktemp -d)
status=0
for project in tests/MarketContext.Tests tests/MarketContext.Web.Tests tests/MarketContext.BrowserTests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The host tests again, each test class on a fresh PostgreSQL database of its own (see TestDatabase).
echo "== MarketContext.Web.Tests on PostgreSQL"
(
  eval "$(grep -E '^MarketContext__(Provider|ConnectionString)=' <<<"$services" | sed 's/^/export /')"
  dotnet test tests/MarketContext.Web.Tests --no-build -nologo --logger "trx;LogFileName=MarketContext.Web.Tests.postgres.trx" --results-directory "$results"
) || status=1

# The closing line counts every test of every project, from the runner's own result files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  t=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
[ "$skipped" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
