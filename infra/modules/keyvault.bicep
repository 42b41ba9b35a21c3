// Key Vault in RBAC mode for the legacy SQL Server connection strings. The template creates no secret: values are
// not parameters of the deployment (they would land in its history). Operators set them with the Azure CLI; the app
// reads them through Key Vault references resolved with the app identity.

import { roleIds } from 'roles.bicep'

@description('Key Vault name (3-24 characters, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Pilot mode: the public endpoint accepts every network (Entra ID and RBAC still apply).')
param publicAccess bool

@description('Public addresses (CIDR) of operators allowed through the firewall in private mode.')
param allowedIpRanges string[]

@description('Principal id of the app identity, granted Key Vault Secrets User.')
param identityPrincipalId string

@description('Principal id of the operator running the deployment, granted Key Vault Secrets Officer to set the connection strings; empty for none.')
param operatorPrincipalId string

@description('Type of the operator principal: User, Group or ServicePrincipal.')
param operatorPrincipalType string

var grants = concat(
  [
    {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleId: roleIds.keyVaultSecretsUser
    }
  ],
  empty(operatorPrincipalId)
    ? []
    : [
        {
          principalId: operatorPrincipalId
          principalType: operatorPrincipalType
          roleId: roleIds.keyVaultSecretsOfficer
        }
      ]
)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicAccess || !empty(allowedIpRanges) ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
      ipRules: publicAccess ? [] : map(allowedIpRanges, range => { value: range })
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in grants: {
    name: guid(vault.id, grant.principalId, grant.roleId)
    scope: vault
    properties: {
      principalId: grant.principalId
      principalType: grant.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleId)
    }
  }
]

@description('Key Vault resource id, for the private endpoint.')
output id string = vault.id

@description('Key Vault name, used by Key Vault references and by operators setting secrets.')
output name string = vault.name
