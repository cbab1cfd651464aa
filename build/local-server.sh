# Sourced by the build scripts that need a standalone local server: one rule for starting it and reading what its
# first lines say (the server prints them in a fixed form for scripts: docs/local-server.md).
#
#   start_local_server LOG COMMAND [ARGS…]
#
# runs COMMAND in the background with its output in LOG, waits (up to 30 s) for "listening on", and sets
# local_server_pid, local_server_endpoint (http://127.0.0.1:PORT), local_server_address (127.0.0.1:PORT) and
# local_server_pat (the personal access token); returns 1, with the log on standard error, when it did not start.
start_local_server() {
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  local_server_pid=$!
  for _ in $(seq 1 150); do grep -q "listening on" "$log" && break; sleep 0.2; done
  local_server_endpoint="$(grep -oE 'listening on http://[^ ]+' "$log" | head -1 | sed -E 's|listening on ||; s|/$||')"
  local_server_address="${local_server_endpoint#http://}"
  local_server_pat="$(grep -oE 'Personal access token: [^ ]+' "$log" | head -1 | sed 's/Personal access token: //')"
  if [ -z "$local_server_endpoint" ]; then
    echo "the local server did not start ($*):" >&2; cat "$log" >&2; return 1
  fi
}
