#!/usr/bin/env bash
# Packs Clarifai.Grpc.Wrapper into a local folder feed, then builds and runs a consumer project against that package
# from outside the repository, with its own package cache (so no stale copy of the same version can stand in).
# The feed is added with RestoreAdditionalProjectSources: the machine's own NuGet sources stay as they are.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet pack "$repo/src/Clarifai.Grpc.Wrapper/Clarifai.Grpc.Wrapper.csproj" -c Release -o "$work/feed" --nologo -v:q
for project in Clarifai.Grpc.Wrapper.AI Clarifai.Grpc.Wrapper.Sqlite Clarifai.Grpc.Wrapper.Redis Clarifai.Cli; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$work/feed" --nologo -v:q
done
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
for addon in AI Sqlite Redis; do
  addon_package="$(ls "$work/feed"/Clarifai.Grpc.Wrapper.$addon.*.nupkg | grep -v '\.snupkg$' | head -n 1)"
  unzip -p "$addon_package" '*.nuspec' | grep -q 'id="Clarifai.Grpc.Wrapper"' || { echo "pack: Clarifai.Grpc.Wrapper.$addon must depend on Clarifai.Grpc.Wrapper" >&2; exit 1; }
  if unzip -p "$addon_package" '*.nuspec' | grep -q 'id="Clarifai.Api"'; then echo "pack: Clarifai.Grpc.Wrapper.$addon must not depend on Clarifai.Api" >&2; exit 1; fi
done

mkdir -p "$work/consumer"
cp "$repo/build/package-consumer/PackageConsumer.csproj" "$repo/build/package-consumer/Program.cs" "$work/consumer/"
dotnet run --project "$work/consumer/PackageConsumer.csproj" -c Release --nologo \
  -p:ClarifaiPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$work/feed" \
  -p:RestorePackagesPath="$work/packages"
echo "pack: a consumer built and ran against Clarifai.Grpc.Wrapper, .AI, .Sqlite and .Redis $version from a local feed"

# The command-line tool, installed as users install it, from the same feed.
dotnet tool install Clarifai.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
"$work/tools/clarifai" --help | grep -q "upload" || { echo "pack: the installed clarifai tool does not list its upload command" >&2; exit 1; }
echo "pack: the clarifai tool installed from the feed and ran"
