#!/usr/bin/env bash
# Runs the integration tests shipped inside the npm package clarifai-nodejs-grpc (Clarifai's official Node.js gRPC
# client) against the local server, with only the host, TLS and credentials redirected (redirect-to-local-server.js).
# The package and mocha (its devDependency) are installed from the machine's npm registry into a temporary folder;
# nothing is committed. Prints the suite's own summary and "clarifai-nodejs-grpc suite: N passing, N failing".
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
version="${CLARIFAI_NODEJS_GRPC_VERSION:-11.11.0}"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

(cd "$work" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "clarifai-nodejs-grpc@$version" "mocha@8.4.0" >"$work/npm.log" 2>&1) \
  || { echo "suite: npm install failed:" >&2; cat "$work/npm.log" >&2; exit 1; }
package="$work/node_modules/clarifai-nodejs-grpc"

key="suite-app-key-$RANDOM$RANDOM"
. "$repo/build/local-server.sh"
start_local_server "$work/server.log" dotnet run --project "$repo/src/Clarifai.Grpc.Emulator" -c Release --no-build -- --port 0 --offline-samples --app-key "$key:suite-user/suite-app" || exit 1
server_pid=$local_server_pid
address=$local_server_address

cd "$package"
CLARIFAI_API_KEY="$key" CLARIFAI_LOCAL_TARGET="$address" CLARIFAI_SUITE_PACKAGE_DIR="$package" \
  "$work/node_modules/.bin/mocha" --require "$repo/build/clarifai-suites/redirect-to-local-server.js" 'tests/**/*.js' --recursive --timeout 30000 --reporter spec 2>&1 | tee "$work/mocha.log"
status=${PIPESTATUS[0]}
passing=$(grep -Eo '[0-9]+ passing' "$work/mocha.log" | awk '{print $1}' | tail -1)
failing=$(grep -Eo '[0-9]+ failing' "$work/mocha.log" | awk '{print $1}' | tail -1)
echo "clarifai-nodejs-grpc $version suite: ${passing:-0} passing, ${failing:-0} failing"
[ "${passing:-0}" -gt 0 ] || status=1
exit "$status"
