#!/usr/bin/env bash
# The type checker and the linter side by side (one core each): both always run, either failing fails.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck &
typecheck=$!
npm run --silent lint
lint=$?
wait "$typecheck"
typecheck=$?
exit $((typecheck || lint))
