#!/usr/bin/env bash
# Packs Clarifai.Grpc.Wrapper into a local folder feed, then builds and runs a consumer project against that package
# from outside the repository, with its own package cache (so no stale copy of the same version can stand in). Packs
# the clarifai tool as .NET 10 RID-specific tool packages (this platform's native one, and the framework-dependent
# fallback), installs it as users do and runs it; with CLARIFAI_NATIVE_TOOL_DIR set, leaves the installed native tool
# there for build/aot/run-native-checks.sh.
# The feed is added with RestoreAdditionalProjectSources: the machine's own NuGet sources stay as they are.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet pack "$repo/src/Clarifai.Grpc.Wrapper/Clarifai.Grpc.Wrapper.csproj" -c Release -o "$work/feed" --nologo -v:q
for project in Clarifai.Grpc.Wrapper.AI Clarifai.Grpc.Wrapper.Sqlite Clarifai.Grpc.Wrapper.Redis Clarifai.Aspire.Client Clarifai.Aspire.Hosting; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$work/feed" --nologo -v:q
done
# The local server, as the .NET tool clarifai-local-server (package Clarifai.LocalServer).
dotnet pack "$repo/src/Clarifai.Grpc.Emulator/Clarifai.Grpc.Emulator.csproj" -c Release -o "$work/feed" --nologo -v:q
# The tool: the top-level package (which names one package per platform), this platform's native package (Native AOT
# compiles on the platform it targets), and "any", the framework-dependent fallback for the others.
case "$(uname -m)" in aarch64|arm64) host_rid=linux-arm64 ;; *) host_rid=linux-x64 ;; esac
dotnet pack "$repo/src/Clarifai.Cli/Clarifai.Cli.csproj" -c Release -o "$work/feed" --nologo -v:q
dotnet pack "$repo/src/Clarifai.Cli/Clarifai.Cli.csproj" -c Release -r "$host_rid" -o "$work/feed" --nologo -v:q >"$work/native-pack.log" 2>&1 \
  || { echo "pack: the native $host_rid tool package failed:" >&2; cat "$work/native-pack.log" >&2; exit 1; }
if grep -E ': warning [A-Z]+[0-9]+' "$work/native-pack.log" | grep -q .; then
  echo "pack: the native tool's compilation printed warnings (the rule is none, docs/aot.md):" >&2; grep -E ': warning ' "$work/native-pack.log" | sort -u >&2; exit 1
fi
dotnet pack "$repo/src/Clarifai.Cli/Clarifai.Cli.csproj" -c Release -r any -o "$work/feed" --nologo -v:q
package="$(ls "$work/feed"/Clarifai.Grpc.Wrapper.[0-9]*.nupkg | grep -v '\.snupkg$' | head -n 1)"
ai_package="$(ls "$work/feed"/Clarifai.Grpc.Wrapper.AI.*.nupkg | grep -v '\.snupkg$' | head -n 1)"
version="$(basename "$package" .nupkg)"; version="${version#Clarifai.Grpc.Wrapper.}"
echo "pack: $(basename "$package") and $(ls "$work/feed" | grep -c '\.snupkg$') symbol package(s)"

# What is inside: the library, the generated API, their XML docs, the README.
contents="$(unzip -Z1 "$package")"
for expected in lib/net10.0/Clarifai.Grpc.Wrapper.dll lib/net10.0/Clarifai.Api.dll lib/net10.0/Clarifai.Grpc.Wrapper.xml lib/net10.0/Clarifai.Api.xml README.md; do
  grep -qx "$expected" <<<"$contents" || { echo "pack: $expected is missing from the package" >&2; exit 1; }
done
if unzip -p "$package" '*.nuspec' | grep -q 'id="Clarifai.Api"'; then echo "pack: Clarifai.Api must ship inside, not as a dependency" >&2; exit 1; fi
# The add-on packages depend on the core package (which carries the generated API), never on Clarifai.Api itself.
for addon in Clarifai.Grpc.Wrapper.AI Clarifai.Grpc.Wrapper.Sqlite Clarifai.Grpc.Wrapper.Redis Clarifai.Aspire.Client; do
  addon_package="$(ls "$work/feed"/$addon.[0-9]*.nupkg | grep -v '\.snupkg$' | head -n 1)"
  unzip -p "$addon_package" '*.nuspec' | grep -q 'id="Clarifai.Grpc.Wrapper"' || { echo "pack: $addon must depend on Clarifai.Grpc.Wrapper" >&2; exit 1; }
  if unzip -p "$addon_package" '*.nuspec' | grep -q 'id="Clarifai.Api"'; then echo "pack: $addon must not depend on Clarifai.Api" >&2; exit 1; fi
done

# The client integration ships its configuration schema for editors, as Aspire's client integrations do.
client_contents="$(unzip -Z1 "$(ls "$work/feed"/Clarifai.Aspire.Client.[0-9]*.nupkg | head -n 1)")"
for expected in ConfigurationSchema.json buildTransitive/net10.0/Clarifai.Aspire.Client.targets; do
  grep -qx "$expected" <<<"$client_contents" || { echo "pack: $expected is missing from Clarifai.Aspire.Client" >&2; exit 1; }
done

mkdir -p "$work/consumer"
cp "$repo/build/package-consumer/PackageConsumer.csproj" "$repo/build/package-consumer/Program.cs" "$work/consumer/"
dotnet run --project "$work/consumer/PackageConsumer.csproj" -c Release --nologo \
  -p:ClarifaiPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$work/feed" \
  -p:RestorePackagesPath="$work/packages"
echo "pack: a consumer built and ran against Clarifai.Grpc.Wrapper, .AI, .Sqlite, .Redis and Clarifai.Aspire.Client $version from a local feed"

# The command-line tool, installed as users install it, from the same feed: on this platform, its native executable.
dotnet tool install Clarifai.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
"$work/tools/clarifai" --help | grep -q "upload" || { echo "pack: the installed clarifai tool does not list its upload command" >&2; exit 1; }
installed="$(readlink -f "$work/tools/clarifai")"
case "$installed" in */Clarifai.Cli.$host_rid/*|*/clarifai.cli.$host_rid/*) ;; *) echo "pack: the installed tool is not the $host_rid package: $installed" >&2; exit 1 ;; esac
head -c 4 "$installed" | grep -q "ELF" || { echo "pack: the installed $host_rid tool is not a native executable: $installed" >&2; exit 1; }
echo "pack: the clarifai tool installed from the feed as the native $host_rid executable and ran"
# The local server installed as users install it, started on ephemeral ports, and the installed tool answered by it.
dotnet tool install Clarifai.LocalServer --version "$version" --tool-path "$work/server-tools" --add-source "$work/feed" >/dev/null
. "$repo/build/local-server.sh"
start_local_server "$work/server.log" "$work/server-tools/clarifai-local-server" --port 0 || { echo "pack: the installed local server did not start" >&2; exit 1; }
server_pid=$local_server_pid
server_endpoint=$local_server_endpoint
server_key=$local_server_pat
"$work/tools/clarifai" models create pets charlie --endpoint "$server_endpoint" --key "$server_key" --user u --app a --insecure >/dev/null \
  && "$work/tools/clarifai" models list --json --endpoint "$server_endpoint" --key "$server_key" --user u --app a --insecure | grep -q '"pets"' \
  || { echo "pack: the installed clarifai tool could not use the installed local server" >&2; cat "$work/server.log" >&2; exit 1; }
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""
echo "pack: the local server installed from the feed as the tool clarifai-local-server, started, and served the installed clarifai tool"

# An Aspire app host of a user's, on Clarifai.Aspire.Hosting from the feed: RunAsEmulator runs the local server tool of
# the hosting package's own version (dotnet tool exec, from the same feed), and a client on its connection string works.
hosting_nuspec="$(unzip -p "$(ls "$work/feed"/Clarifai.Aspire.Hosting.[0-9]*.nupkg | head -n 1)" '*.nuspec')"
grep -q 'id="Aspire.Hosting"' <<<"$hosting_nuspec" || { echo "pack: Clarifai.Aspire.Hosting must depend on Aspire.Hosting" >&2; exit 1; }
mkdir -p "$work/consumer-apphost"
cp "$repo/build/package-consumer-apphost/PackageConsumerAppHost.csproj" "$repo/build/package-consumer-apphost/AppHost.cs" "$work/consumer-apphost/"
CLARIFAI_PACKAGE_FEED="$work/feed" NUGET_PACKAGES="$work/packages" dotnet run --project "$work/consumer-apphost/PackageConsumerAppHost.csproj" -c Release --nologo \
  -p:ClarifaiPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$work/feed" \
  -p:RestorePackagesPath="$work/packages" > "$work/consumer-apphost.log" 2>&1 \
  && grep -q "created model 'pets'" "$work/consumer-apphost.log" \
  || { echo "pack: the consumer app host could not run the emulator resource:" >&2; tail -n 60 "$work/consumer-apphost.log" >&2; exit 1; }
echo "pack: $(grep "created model" "$work/consumer-apphost.log")"

if [ -n "${CLARIFAI_NATIVE_TOOL_DIR:-}" ]; then mkdir -p "$CLARIFAI_NATIVE_TOOL_DIR" && cp -r "$work/tools/." "$CLARIFAI_NATIVE_TOOL_DIR/"; fi

# A platform the tool has no native package for gets "any", the framework-dependent tool. To be such a platform here,
# install from a feed whose top-level package (packed for this check only) lists every platform but this one.
mkdir -p "$work/fallback-feed"
dotnet pack "$repo/src/Clarifai.Cli/Clarifai.Cli.csproj" -c Release -o "$work/fallback-feed" --nologo -v:q '-p:ToolPackageRuntimeIdentifiers="osx-arm64;win-x64;any"'
cp "$work/feed/Clarifai.Cli.any.$version.nupkg" "$work/fallback-feed/"
dotnet tool install Clarifai.Cli --version "$version" --tool-path "$work/fallback-tools" --add-source "$work/fallback-feed" >/dev/null
"$work/fallback-tools/clarifai" --help | grep -q "upload" || { echo "pack: the framework-dependent clarifai tool does not run" >&2; exit 1; }
find "$work/fallback-tools/.store" -path '*clarifai.cli.any*' -name clarifai.dll | grep -q . || { echo "pack: for an unlisted platform, the installer did not take the framework-dependent package" >&2; exit 1; }
echo "pack: for a platform without a native package, the framework-dependent tool installed and ran"
