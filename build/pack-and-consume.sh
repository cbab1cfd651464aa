#!/usr/bin/env bash
# Packs Clarifai.Grpc.Wrapper into a local folder feed, then builds and runs a consumer project against that package
# from outside the repository, with its own package cache (so no stale copy of the same version can stand in).
# The feed is added with RestoreAdditionalProjectSources: the machine's own NuGet sources stay as they are.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet pack "$repo/src/Clarifai.Grpc.Wrapper/Clarifai.Grpc.Wrapper.csproj" -c Release -o "$work/feed" --nologo -v:q
dotnet pack "$repo/src/Clarifai.Grpc.Wrapper.AI/Clarifai.Grpc.Wrapper.AI.csproj" -c Release -o "$work/feed" --nologo -v:q
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
# The AI package depends on the core package (which carries the generated API), never on Clarifai.Api itself.
unzip -p "$ai_package" '*.nuspec' | grep -q 'id="Clarifai.Grpc.Wrapper"' || { echo "pack: Clarifai.Grpc.Wrapper.AI must depend on Clarifai.Grpc.Wrapper" >&2; exit 1; }
if unzip -p "$ai_package" '*.nuspec' | grep -q 'id="Clarifai.Api"'; then echo "pack: Clarifai.Grpc.Wrapper.AI must not depend on Clarifai.Api" >&2; exit 1; fi

mkdir -p "$work/consumer"
cp "$repo/build/package-consumer/PackageConsumer.csproj" "$repo/build/package-consumer/Program.cs" "$work/consumer/"
dotnet run --project "$work/consumer/PackageConsumer.csproj" -c Release --nologo \
  -p:ClarifaiPackageVersion="$version" \
  -p:RestoreAdditionalProjectSources="$work/feed" \
  -p:RestorePackagesPath="$work/packages"
echo "pack: a consumer built and ran against Clarifai.Grpc.Wrapper and Clarifai.Grpc.Wrapper.AI $version from a local feed"
