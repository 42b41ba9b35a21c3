#!/usr/bin/env bash
# Runs the dm command-line tool, publishing it first (ReadyToRun, into .local/bin) when any source changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$root/.local/bin"
dll="$out/dm.dll"
if [ ! -f "$dll" ] || [ -n "$(find "$root/src" "$root/bench" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
      \( -name '*.cs' -o -name '*.csproj' -o -name '*.sql' -o -name '*.props' \) -newer "$dll" -print -quit)" ]; then
  dotnet publish "$root/src/Ferry.Cli/Ferry.Cli.csproj" -c Release -r linux-x64 --self-contained false \
    -o "$out" -nologo -clp:ErrorsOnly -v:quiet >&2
  # An incremental publish leaves dm.dll alone when only a library changed; the stamp keeps the check above true.
  touch "$dll"
fi
# The local throwaway cluster's settings, unless the caller set its own.
if [ -z "${FERRY_PG_PASSWORD:-}" ] && [ -f "$root/.local/pg/password" ]; then
  FERRY_PG_PASSWORD="$(cat "$root/.local/pg/password")"; export FERRY_PG_PASSWORD
fi
export FERRY_PG_PORT="${FERRY_PG_PORT:-55432}"
exec dotnet "$dll" "$@"
