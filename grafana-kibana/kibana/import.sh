#!/usr/bin/env bash
# Imports the Clickstream saved objects (data views, Lens panels, the "Clickstream — real time"
# dashboard) into Kibana through the saved-objects import API, replacing earlier versions (fixed ids).
#
#   grafana-kibana/kibana/import.sh [KIBANA_URL]      default $KIBANA_URL, else http://127.0.0.1:5601
#   KIBANA_WAIT_SECONDS=120                            how long to wait for Kibana to be available
#
# Exits 0 when every object was imported; otherwise non-zero with Kibana's answer on stderr.
set -euo pipefail

KIBANA_URL="${1:-${KIBANA_URL:-http://127.0.0.1:5601}}"
KIBANA_URL="${KIBANA_URL%/}"
WAIT_SECONDS="${KIBANA_WAIT_SECONDS:-120}"
NDJSON="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/clickstream.ndjson"

command -v curl >/dev/null 2>&1 || { echo "import.sh: curl is required (apt-get install -y curl)" >&2; exit 2; }
[[ -r "$NDJSON" ]] || { echo "import.sh: $NDJSON is missing" >&2; exit 2; }

# Kibana answers /api/status with 503 while it starts; "available" is level of the overall status.
deadline=$((SECONDS + WAIT_SECONDS))
last=""
while :; do
  status_body="$(curl -s -m 5 "$KIBANA_URL/api/status" 2>&1)" && code=0 || code=$?
  if [[ $code -eq 0 ]] && grep -q '"level":"available"' <<<"$status_body"; then
    break
  fi
  last="${status_body:-curl exit $code}"
  if ((SECONDS >= deadline)); then
    echo "import.sh: Kibana at $KIBANA_URL is not available after ${WAIT_SECONDS}s (last answer: ${last:0:300})." >&2
    echo "import.sh: start Kibana (docker-compose up kibana), or pass its URL: import.sh http://host:5601" >&2
    exit 1
  fi
  sleep 2
done

response="$(mktemp)"
trap 'rm -f "$response"' EXIT
http_code="$(curl -s -m 60 -o "$response" -w '%{http_code}' -X POST \
  "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form "file=@$NDJSON")" || {
  echo "import.sh: the import request to $KIBANA_URL failed (curl exit $?)" >&2; exit 1; }

if [[ "$http_code" != 200 ]] || ! grep -q '"success":true' "$response"; then
  echo "import.sh: Kibana refused the import (HTTP $http_code):" >&2
  cat "$response" >&2; echo >&2
  exit 1
fi
count="$(grep -o '"successCount":[0-9]*' "$response" | head -1 | cut -d: -f2)"
echo "import.sh: imported ${count:-all} saved objects into $KIBANA_URL; open $KIBANA_URL/app/dashboards#/view/clickstream-realtime"
