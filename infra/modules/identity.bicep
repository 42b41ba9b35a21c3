// The user-assigned managed identity every Ferry component in Azure runs as: the Functions host (task hub storage),
// the app (reports, Key Vault references, PostgreSQL tokens, telemetry). Its grants live with the resources granted.

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for identity blocks and Key Vault reference settings.')
output id string = identity.id

@description('Identity name; also its PostgreSQL Entra principal name.')
output name string = identity.name

@description('Client (application) id: what DefaultAzureCredential and the Functions host select it by.')
output clientId string = identity.properties.clientId

@description('Object (principal) id: what role assignments and the PostgreSQL administrator name.')
output principalId string = identity.properties.principalId
