#!/usr/bin/env bash
# Looks at the dashboard's measures on this machine: runs it with its Prometheus scraping endpoint (/metrics) on,
# and Debian's Prometheus scraping it every 5 s. Graph them at the Prometheus address printed, or import
# ops/grafana/marketcontext.json into a Grafana whose data source is this Prometheus. In production OTLP is the
# export: set OTEL_EXPORTER_OTLP_ENDPOINT (see the README's "Telemetry" section).
# Usage: scripts/telemetry.sh   (URLS sets the dashboard's address, PROMETHEUS_ADDRESS Prometheus's)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh fonts-dejavu-core prometheus
app="${URLS:-http://127.0.0.1:5000}"
# Not 9090: Debian's package may run its own Prometheus there as a service.
prometheus_address="${PROMETHEUS_ADDRESS:-127.0.0.1:9091}"
work="$(mktemp -d)"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: marketcontext
    metrics_path: /metrics
    static_configs:
      - targets: ["${app#*://}"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="$prometheus_address" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
trap 'kill "$prometheus_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
echo "Prometheus at http://$prometheus_address scrapes $app/metrics (the product's measures are marketcontext_*)."
MarketContext__Telemetry__PrometheusEndpoint=true URLS="$app" scripts/run.sh
