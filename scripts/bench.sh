#!/usr/bin/env bash
# Measures the figures the README's performance section reports, each against its reference in the same run.
# Usage: scripts/bench.sh [chart|event-study|live|live-visible|import|scale|hostile|telemetry|page|all]
#   page: the dashboard's largest contentful paint and layout shift in Chromium, and axe-core's WCAG 2.2 AA violations
#   scale: charts, /api/series and memory on 3 vs 503 symbols (500 generated × 5,000 days beside the real ones)
#   hostile: 8 anonymous 16-megapixel charts at once, 3 rounds: server RSS growth and /healthz latency throughout;
#            an anonymous chart while a signed-in client loops renders vs idle; CPU of the worst study across events, and after its abort
#   telemetry: full-history chart and annotation fan-out p50, exporting over OTLP to a local receiver vs not
#   import: 100 generated Yahoo files × 10,000 rows through the CLI's import verb vs the sqlite3 shell's .import
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh fonts-dejavu-core sqlite3 chromium
prices="${MarketContext__PricesDirectory:-../shared/data/prices}"
dotnet build tests/MarketContext.Benchmarks -c Release -nologo -v q
dotnet tests/MarketContext.Benchmarks/bin/Release/net10.0/MarketContext.Benchmarks.dll "$prices" "${1:-all}"
