#!/usr/bin/env bash
# Open the dashboard on the default territory, with a plan and a publication already made.
#   bash scripts/dashboard.sh [streamlit options]
# The first run seeds the store (ITINERANT_DB_URL, ITINERANT_DB or ~/.local/share/itinerant),
# plans the default territory and publishes it (about 30 s); later runs reuse the store.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/itinerant demo
exec .venv/bin/python -m streamlit run app.py "$@"
