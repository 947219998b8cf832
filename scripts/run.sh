#!/usr/bin/env bash
# Runs the dashboard on http://127.0.0.1:5000 with an embedded SQLite database; price files in
# MarketContext__PricesDirectory (default data/prices) and MarketContext__MarketsDirectory (default data/markets)
# are imported at start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh fonts-dejavu-core
exec dotnet run --project src/MarketContext.Web -- --urls "${URLS:-http://127.0.0.1:5000}" "$@"
