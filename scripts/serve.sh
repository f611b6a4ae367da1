#!/usr/bin/env bash
# Sets up (if needed), builds and serves the app at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
PORT="${PORT:-8080}"
echo
echo "报送助手 is being built; open  http://127.0.0.1:${PORT}/  when trunk says it is serving."
echo
exec trunk serve --release --port "$PORT" --address 127.0.0.1
