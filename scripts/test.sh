#!/usr/bin/env bash
# Runs every test: formatting, the page's JavaScript modules (Node's test runner), pure tests, host tests (real
# SQLite, real HTTP and WebSockets) and browser tests (Playwright driving Debian's Chromium, in three time zones),
# then the host tests again on PostgreSQL (and Redis for the two-instance test), started by
# scripts/start-services.sh. Prints one closing line counting every run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/prerequisites.sh fonts-dejavu-core chromium sqlite3

# Tests over the real price history read it from the configured folder.
export MarketContext__PricesDirectory="${MarketContext__PricesDirectory:-$root/../shared/data/prices}"
export MarketContext__MarketsDirectory="${MarketContext__MarketsDirectory:-$root/../shared/data/markets}"
export MarketContext__CorpusDirectory="${MarketContext__CorpusDirectory:-$root/../shared/data/corpus/real}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# PostgreSQL and Redis on loopback: the PostgreSQL run below, and the two-instance test of both runs.
services=$(scripts/start-services.sh)

dotnet build MarketContext.sln -nologo -v q
dotnet format MarketContext.sln --verify-no-changes --no-restore

results=$(mktemp -d)
status=0

# The page's pure modules (every tests/js/*.test.mjs) under Node's own test runner, in a zone west and one east of
# UTC: a date read or shown in local time is a day off there.
for zone in America/Los_Angeles Pacific/Auckland; do
  echo "== tests/js in $zone"
  TZ=$zone node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$results/js-${zone//\//-}.tap" tests/js/ || status=1
done

for project in tests/MarketContext.Tests tests/MarketContext.Web.Tests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

# The browser tests in UTC, then in a zone west and one east of UTC: the browser (and the server) in that zone.
for zone in UTC America/Los_Angeles Pacific/Auckland; do
  echo "== MarketContext.BrowserTests in $zone"
  TZ=$zone dotnet test tests/MarketContext.BrowserTests --no-build -nologo \
    --logger "trx;LogFileName=MarketContext.BrowserTests.${zone//\//-}.trx" --results-directory "$results" || status=1
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
# Node's TAP summary: "# pass N", "# fail N", "# cancelled N" (a test cut short fails), "# skipped N", "# todo N".
count() { grep -E "^# $1 [0-9]+$" "$2" | tail -1 | grep -oE '[0-9]+$' || echo 0; }
for tap in "$results"/*.tap; do
  passed=$((passed + $(count pass "$tap"))); failed=$((failed + $(count fail "$tap") + $(count cancelled "$tap")))
  skipped=$((skipped + $(count skipped "$tap") + $(count todo "$tap")))
done
[ "$skipped" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
