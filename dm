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
# The settings of the local services the scripts start (scripts/local-env.sh), each one only when neither the
# caller's environment nor local.settings.json sets it, so the README's commands work as written on this machine.
local_value() { ( source "$root/scripts/local-env.sh" && "$@" ) 2>/dev/null; }
supply() { # NAME command...: exports NAME as the command prints it, unless it is set already or the command fails
  local name="$1"; shift
  [ -z "${!name:-}" ] || return 0
  grep -qs "\"$name\"" "${FERRY_SETTINGS:-local.settings.json}" && return 0
  local value
  value="$(local_value "$@")" && [ -n "$value" ] && export "$name=$value"
  return 0
}
supply FERRY_PG_PORT eval 'echo "$FERRY_PG_PORT"'
supply FERRY_PG_PASSWORD ferry_pg_password             # made by scripts/pg.sh start
if [ -d "$root/.local/azurite" ]; then                  # installed by scripts/azurite.sh start
  supply FERRY_BLOB_CONNECTION ferry_azurite_connection
  supply AzureWebJobsStorage ferry_durable_connection    # the durable host's task hub (dm serve, dm worker)
fi
exec dotnet "$dll" "$@"
