#!/usr/bin/env bash
# azd postprovision hook: uploads the migration configuration to the config container and makes sure the app setting
# FERRY_CONFIG points at it. Runs as the operator signed in to the Azure CLI: the storage account accepts Entra ID
# only (--auth-mode login), and provisioning granted that operator Storage Blob Data Contributor.
#
# azd passes the environment's values (and main.bicep's outputs) as environment variables:
#   FERRY_MIGRATION_CONFIG   path of the migration configuration to upload (azd env set FERRY_MIGRATION_CONFIG ...)
#   FERRY_CONFIG_BLOB        blob name in the config container (default migration.yaml)
#   AZURE_STORAGE_ACCOUNT_NAME, FERRY_CONFIG_CONTAINER, FERRY_CONFIG_URL,
#   AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME   outputs of main.bicep
# Run it again on its own after changing the configuration: azd hooks run postprovision
#
# Written for POSIX sh so that it runs the same under sh and bash.
set -eu

say() { printf 'postprovision: %s\n' "$*"; }
fail() { printf 'postprovision: %s\n' "$*" >&2; exit 1; }

if [ -z "${FERRY_API_CLIENT_ID:-}" ]; then
  say "FERRY_API_CLIENT_ID is not set: the HTTP API has no app registration yet and will refuse every call."
  say "Create it with 'bash infra/scripts/register-api-app.sh', then run 'azd provision' again."
fi

config="${FERRY_MIGRATION_CONFIG:-}"
if [ -z "$config" ]; then
  say "FERRY_MIGRATION_CONFIG is not set: no migration configuration uploaded."
  say "Set it with 'azd env set FERRY_MIGRATION_CONFIG path/to/migration.yaml' and run 'azd hooks run postprovision'."
  exit 0
fi
[ -f "$config" ] || fail "FERRY_MIGRATION_CONFIG names '$config', which is not a file."

account="${AZURE_STORAGE_ACCOUNT_NAME:?missing: run azd provision first}"
container="${FERRY_CONFIG_CONTAINER:-config}"
blob="${FERRY_CONFIG_BLOB:-migration.yaml}"
group="${AZURE_RESOURCE_GROUP:?missing: run azd provision first}"
app="${AZURE_FUNCTION_APP_NAME:?missing: run azd provision first}"

# Uploads one file, retrying while a role assignment made by this provisioning is still propagating (minutes).
upload() {
  file="$1"
  name="$2"
  attempt=1
  while ! az storage blob upload --auth-mode login --only-show-errors --overwrite \
    --account-name "$account" --container-name "$container" --name "$name" --file "$file" >/dev/null; do
    if [ "$attempt" -ge 6 ]; then
      fail "could not upload '$file' to $account/$container/$name. The storage account accepts only its private \
endpoints and the addresses in FERRY_ALLOWED_IP_RANGES: run from inside the network, or add this machine's public \
address (azd env set FERRY_ALLOWED_IP_RANGES '[\"203.0.113.7/32\"]', then azd provision)."
    fi
    say "upload refused (attempt $attempt of 6); role assignments can take a few minutes to apply, retrying in 30 s"
    attempt=$((attempt + 1))
    sleep 30
  done
  say "uploaded $file to $container/$name"
}

upload "$config" "$blob"

# A reviewed mapping (the configuration's top-level `mapping:` key) is resolved relative to the configuration, so it
# goes to the same relative place next to the blob.
mapping=$(sed -n 's/^mapping:[[:space:]]*//p' "$config" | sed 's/[[:space:]]*#.*$//; s/^["'\'']//; s/["'\'']$//' | head -n 1)
if [ -n "$mapping" ]; then
  case "$mapping" in
    /* | *..*) fail "mapping '$mapping' must be a path below the configuration's folder to be uploaded next to it." ;;
  esac
  source_dir=$(dirname "$config")
  blob_dir=$(dirname "$blob")
  [ -f "$source_dir/$mapping" ] || fail "the configuration's mapping '$mapping' is not a file next to it."
  if [ "$blob_dir" = "." ]; then mapping_blob="$mapping"; else mapping_blob="$blob_dir/$mapping"; fi
  upload "$source_dir/$mapping" "$mapping_blob"
fi

# main.bicep sets FERRY_CONFIG; set it here only when it is missing (an app provisioned by an older template).
url="${FERRY_CONFIG_URL:-}"
if [ -z "$url" ]; then
  suffix=$(az cloud show --query suffixes.storageEndpoint -o tsv)
  url="https://$account.blob.$suffix/$container/$blob"
fi
current=$(az functionapp config appsettings list --resource-group "$group" --name "$app" \
  --query "[?name=='FERRY_CONFIG'].value | [0]" -o tsv)
if [ -z "$current" ]; then
  az functionapp config appsettings set --resource-group "$group" --name "$app" --only-show-errors \
    --settings "FERRY_CONFIG=$url" >/dev/null
  say "set FERRY_CONFIG=$url"
elif [ "$current" != "$url" ]; then
  say "FERRY_CONFIG is $current, not $url: the app reads the former."
else
  say "FERRY_CONFIG=$url"
fi
