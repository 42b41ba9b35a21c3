#!/usr/bin/env bash
# Creates or updates the Microsoft Entra app registration that protects Ferry's HTTP API and stores its client id in
# the azd environment (FERRY_API_CLIENT_ID), from where `azd provision` sets AzureAd__ClientId and AzureAd__Audience.
# Bicep cannot create app registrations, so this runs once per environment, before or after the first `azd up`.
#
# The registration gets:
#   - the identifier URI api://<client id> (the token audience),
#   - the app roles Migration.Operator (start, stop, roll back runs; read status) and Migration.Auditor (read status
#     and report links), assignable to users, groups and applications,
#   - a delegated scope user_impersonation, pre-authorised for the Azure CLI so that operators get tokens with
#     `az account get-access-token --resource api://<client id>`,
#   - an enterprise application (service principal) that requires role assignment: only assigned principals get tokens.
#
# Requires the Azure CLI signed in as someone allowed to register applications, and azd (run from the repository).
#   bash infra/scripts/register-api-app.sh [--name DISPLAY_NAME] [--assign-me Migration.Operator|Migration.Auditor]
# Running it again updates the same registration (found by display name); role and scope ids are fixed below so that
# repeated runs change nothing.
set -euo pipefail

# Fixed ids: Entra refuses to drop an enabled role or scope, so changing these would need a manual disable first.
operator_role_id="31611df5-360a-4901-ac5a-655d547e4814"
auditor_role_id="24729eaf-ddce-49be-9b66-4685e64b1707"
scope_id="80e54cf9-dc68-4388-85c7-6f63ea2e7fa8"
# The Azure CLI's public client id, the same in every tenant.
azure_cli_app_id="04b07795-8ddb-461a-bbee-02f9e1bf7b46"

name=""
assign_role=""
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name="$2"; shift 2 ;;
    --assign-me) assign_role="$2"; shift 2 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$assign_role" in
  "" | Migration.Operator | Migration.Auditor) ;;
  *) echo "--assign-me takes Migration.Operator or Migration.Auditor, not '$assign_role'" >&2; exit 2 ;;
esac

if [ -z "$name" ]; then
  env_name=$(azd env get-value AZURE_ENV_NAME 2>/dev/null || true)
  name="ferry-api${env_name:+-$env_name}"
fi

graph=$(az cloud show --query endpoints.microsoftGraphResourceId -o tsv)
graph="${graph%/}/v1.0"

app_id=$(az ad app list --display-name "$name" --query "[0].appId" -o tsv)
if [ -z "$app_id" ]; then
  app_id=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)
  echo "created app registration $name ($app_id)"
else
  echo "updating app registration $name ($app_id)"
fi
object_id=$(az ad app show --id "$app_id" --query id -o tsv)

role() { # id value display-name description
  printf '{"id":"%s","value":"%s","displayName":"%s","description":"%s","allowedMemberTypes":["User","Application"],"isEnabled":true}' \
    "$1" "$2" "$3" "$4"
}
roles="[$(role "$operator_role_id" Migration.Operator "Migration operator" \
  "Starts, stops, resumes and rolls back migration runs; reads status and reports."),$(role "$auditor_role_id" \
  Migration.Auditor "Migration auditor" "Reads run status and gets read-only links to the audit reports.")]"
scope=$(printf '{"id":"%s","value":"user_impersonation","type":"User","isEnabled":true,%s}' "$scope_id" \
  '"adminConsentDisplayName":"Call the Ferry API","adminConsentDescription":"Call the Ferry migration API as the signed-in user, within the app roles the user holds.","userConsentDisplayName":"Call the Ferry API","userConsentDescription":"Call the Ferry migration API as you, within your migration roles."')

# The scope must exist before an application can be pre-authorised for it: two updates.
az rest --method PATCH --uri "$graph/applications/$object_id" --headers "Content-Type=application/json" \
  --body "{\"identifierUris\":[\"api://$app_id\"],\"appRoles\":$roles,\"api\":{\"oauth2PermissionScopes\":[$scope]}}"
az rest --method PATCH --uri "$graph/applications/$object_id" --headers "Content-Type=application/json" \
  --body "{\"api\":{\"preAuthorizedApplications\":[{\"appId\":\"$azure_cli_app_id\",\"delegatedPermissionIds\":[\"$scope_id\"]}]}}"

sp_id=$(az ad sp list --filter "appId eq '$app_id'" --query "[0].id" -o tsv)
if [ -z "$sp_id" ]; then
  sp_id=$(az ad sp create --id "$app_id" --query id -o tsv)
fi
az rest --method PATCH --uri "$graph/servicePrincipals/$sp_id" --headers "Content-Type=application/json" \
  --body '{"appRoleAssignmentRequired":true}'

if [ -n "$assign_role" ]; then
  role_id=$operator_role_id
  [ "$assign_role" = Migration.Auditor ] && role_id=$auditor_role_id
  me=$(az ad signed-in-user show --query id -o tsv)
  existing=$(az rest --method GET --uri "$graph/servicePrincipals/$sp_id/appRoleAssignedTo" \
    --query "value[?principalId=='$me' && appRoleId=='$role_id'] | length(@)" -o tsv)
  if [ "$existing" = "0" ]; then
    az rest --method POST --uri "$graph/servicePrincipals/$sp_id/appRoleAssignedTo" \
      --headers "Content-Type=application/json" \
      --body "{\"principalId\":\"$me\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}" >/dev/null
  fi
  echo "signed-in user holds $assign_role"
fi

azd env set FERRY_API_CLIENT_ID "$app_id"
echo "FERRY_API_CLIENT_ID=$app_id stored in the azd environment; audience api://$app_id."
echo "Next: assign users or groups to Migration.Operator / Migration.Auditor (Entra admin center > Enterprise"
echo "applications > $name > Users and groups), then run 'azd provision' so the app settings pick the id up."
