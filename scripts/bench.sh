#!/usr/bin/env bash
# Measures the figures the README's performance section reports, each against its reference in the same run.
# Usage: scripts/bench.sh [chart|event-study|eventsets|live|live-visible|import|vintages|scale|hostile|telemetry|page|day0|publication|all]
#   day0: every event of a generated 5,000-event set mapped to day 0 (with its reason) on the six calendars, in process
#   eventsets: a year's chart with a 5,000-event set vs the shipped set; the study across 100…1,000 events × 2 symbols;
#               a 5,000-event set read at an old version vs its current one (sets generated in the store)
#   page: the dashboard's largest contentful paint and layout shift in Chromium, and axe-core's WCAG 2.2 AA violations
#   scale: charts, /api/series and memory on 3 vs 503 symbols (500 generated × 5,000 days beside the real ones)
#   hostile: 8 anonymous 16-megapixel charts at once, 3 rounds: server RSS growth and /healthz latency throughout;
#            an anonymous chart while a signed-in client loops renders vs idle; CPU of the worst study across events, and after its abort
#   telemetry: full-history chart and annotation fan-out p50, exporting over OTLP to a local receiver vs not
#   import: 100 generated Yahoo files × 10,000 rows through the CLI's import verb vs the sqlite3 shell's .import
#   publication: a published chart's PNG from its stored bytes vs the live chart of the same query drawn every request;
#                asked again with its ETag; the publish itself
#   vintages: re-importing an unchanged 1 M-row file vs its first import; 1 % revised; pages after 10 re-imports of ERIC vs one
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh fonts-dejavu-core sqlite3 chromium
prices="${MarketContext__PricesDirectory:-../shared/data/prices}"
# The chart target draws the home-market listings too: ERIC-B.ST and USDSEK=X from the markets folder.
export MarketContext__MarketsDirectory="${MarketContext__MarketsDirectory:-../shared/data/markets}"
dotnet build tests/MarketContext.Benchmarks -c Release -nologo -v q
dotnet tests/MarketContext.Benchmarks/bin/Release/net10.0/MarketContext.Benchmarks.dll "$prices" "${1:-all}"
