#!/usr/bin/env bash
# Native AOT in CI: publishes the clarifai tool (unless CLARIFAI_CLI_NATIVE names one already) and samples/CustomModel
# as native executables — a publish that prints a
# trimming or AOT warning fails, since zero warnings is the rule (docs/aot.md) — then runs the native tool through the
# command-path tests of the tool (the same tests the JIT run passed, now spawning the native executable: uploads with
# a resume, a kill and a signal mid-run, predict, methods, models list/create/train, inputs list/delete, failures and
# exit codes) and the native sample's whole walkthrough against a standalone local server. Prints one line per check
# and the tool's startup to its first answered call. Expects the solution built in Release (the test run builds it).
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rid="${CLARIFAI_AOT_RID:-linux-x64}"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

publish() { # project, output folder
  if ! dotnet publish "$repo/$1" -c Release -r "$rid" -p:PublishAot=true -o "$2" >"$work/publish.log" 2>&1; then
    echo "aot: publishing $1 failed:" >&2; cat "$work/publish.log" >&2; return 1
  fi
  if grep -E ': warning [A-Z]+[0-9]+' "$work/publish.log" | sort -u | grep -q .; then
    echo "aot: publishing $1 printed warnings (the rule is none):" >&2; grep -E ': warning [A-Z]+[0-9]+' "$work/publish.log" | sort -u >&2; return 1
  fi
  echo "aot: published $1 natively with no warning ($(du -h "$2" | tail -1 | cut -f1) folder)"
}

# The tool as users get it when CLARIFAI_CLI_NATIVE names it (.ci/run: installed from the feed the pack check made,
# whose native package compiled with no warning), else published here.
if [ -n "${CLARIFAI_CLI_NATIVE:-}" ] && [ -x "$CLARIFAI_CLI_NATIVE" ]; then
  tool="$CLARIFAI_CLI_NATIVE"
  echo "aot: the native clarifai installed from the package feed: $tool"
else
  publish src/Clarifai.Cli "$work/cli" || exit 1
  tool="$work/cli/clarifai"
fi
publish samples/CustomModel "$work/sample" || exit 1

# The tool's command paths, natively: the tests of the tool, with CLARIFAI_CLI_NATIVE naming the executable. The
# terminal-session test runs in the test process whatever the variable says (a child's output is not a terminal).
filter='(FullyQualifiedName~CommandLineToolTests&Name!~OnATerminal)|FullyQualifiedName~UploadToolEdgeTests|FullyQualifiedName~UploadToolProcessTests|FullyQualifiedName~CrashResumeTests|FullyQualifiedName~CliFailuresTests'
CLARIFAI_CLI_NATIVE="$tool" dotnet test "$repo/tests/Clarifai.Grpc.Wrapper.IntegrationTests" -c Release --no-build --filter "$filter" >"$work/native-tests.log" 2>&1
tests_status=$?
summary="$(grep -E '^(Passed|Failed)! +- ' "$work/native-tests.log" | tail -1)"
passed=$(echo "$summary" | grep -Eo 'Passed: +[0-9]+' | awk '{print $2}')
if [ "$tests_status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  echo "aot: the native tool failed its command-path tests:" >&2; tail -n 80 "$work/native-tests.log" >&2; exit 1
fi
echo "aot: native clarifai passed its command-path tests: ${summary#*- }"

# A standalone local server (ephemeral ports, Clarifai's sample URLs answered by built-in images) for the sample.
. "$repo/build/local-server.sh"
start_local_server "$work/server.log" dotnet run --project "$repo/src/Clarifai.Grpc.Emulator" -c Release --no-build -- --port 0 --offline-samples || exit 1
server_pid=$local_server_pid
endpoint=$local_server_endpoint
pat=$local_server_pat

if ! CLARIFAI_API_BASE="$endpoint" CLARIFAI_PAT="$pat" CLARIFAI_USER_ID=native CLARIFAI_APP_ID=walkthrough "$work/sample/CustomModel" >"$work/sample.log" 2>&1 \
   || ! grep -q "21100 Model trained successfully" "$work/sample.log" || ! grep -q "puppy.jpeg: 10000 Ok" "$work/sample.log"; then
  echo "aot: the native sample's walkthrough failed:" >&2; cat "$work/sample.log" >&2; exit 1
fi
echo "aot: native samples/CustomModel walked through: $(grep -c '^[0-9]\. ' "$work/sample.log") steps, trained and predicted"

# Startup to the first answered call, natively (printed, not asserted; docs/benchmarks.md has measured figures).
/usr/bin/time -f "%e s wall, %U s user + %S s system CPU, %M KiB peak RSS" -o "$work/time.log" \
  "$tool" models list --endpoint "$endpoint" --key "$pat" --user native --app walkthrough --insecure >/dev/null 2>&1 \
  && echo "aot: native 'clarifai models list' (start to first answered call, exit): $(cat "$work/time.log")"
exit 0
