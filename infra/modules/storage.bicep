// The storage account: the durable task hub (queues, tables, blobs), the audit reports container, the config
// container the migration configuration is uploaded to, and the Flex Consumption deployment package. Shared-key
// access is disabled: every client, the Functions host included, signs in with Entra ID.

import { roleIds } from 'roles.bicep'

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Replication: Standard_LRS, or Standard_ZRS where the region has zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Pilot mode: the public endpoint accepts every network (Entra ID is still required). Otherwise only private endpoints and allowedIpRanges reach the data.')
param publicAccess bool

@description('Public addresses (CIDR) of operators and auditors allowed through the firewall in private mode.')
param allowedIpRanges string[]

@description('Container of the audit reports (runs/{id}/...).')
param reportsContainerName string

@description('Container the migration configuration is uploaded to.')
param configContainerName string

@description('Container of the Flex Consumption deployment package; empty for plans that do not use one.')
param deploymentContainerName string

@description('Blobs under runs/ in the reports container older than this many days are deleted.')
@minValue(1)
param runLogRetentionDays int

@description('Principal id of the app identity.')
param identityPrincipalId string

@description('Principal ids of on-premises worker service principals joining the task hub (may be empty).')
param workerPrincipalIds string[]

@description('Principal id of the operator running the deployment, granted Blob Data Contributor for configuration uploads; empty for none.')
param operatorPrincipalId string

@description('Type of the operator principal: User, Group or ServicePrincipal.')
param operatorPrincipalType string

// Storage firewall rules take single addresses for /31 and /32, not the CIDR form.
var ipRules = [
  for range in allowedIpRanges: {
    action: 'Allow'
    value: endsWith(range, '/32') ? split(range, '/')[0] : range
  }
]

var appRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
  roleIds.storageBlobDelegator
]

// Workers run the Durable Task Framework outside the Functions host: they need the task hub and the reports, not
// ownership of blob ACLs.
var workerRoles = [
  roleIds.storageBlobDataContributor
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
  roleIds.storageBlobDelegator
]

var grants = concat(
  map(appRoles, role => { principalId: identityPrincipalId, principalType: 'ServicePrincipal', roleId: role }),
  flatten(map(
    workerPrincipalIds,
    worker => map(workerRoles, role => { principalId: worker, principalType: 'ServicePrincipal', roleId: role })
  )),
  empty(operatorPrincipalId)
    ? []
    : [
        {
          principalId: operatorPrincipalId
          principalType: operatorPrincipalType
          roleId: roleIds.storageBlobDataContributor
        }
      ]
)

var containers = concat(
  [reportsContainerName, configContainerName],
  empty(deploymentContainerName) ? [] : [deploymentContainerName]
)

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicAccess || !empty(allowedIpRanges) ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
      ipRules: publicAccess ? [] : ipRules
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-run-logs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${reportsContainerName}/runs/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: runLogRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in grants: {
    name: guid(account.id, grant.principalId, grant.roleId)
    scope: account
    properties: {
      principalId: grant.principalId
      principalType: grant.principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleId)
    }
  }
]

@description('Storage account resource id, for private endpoints.')
output id string = account.id

@description('Storage account name.')
output name string = account.name

@description('Blob service URL without a trailing slash (https://<account>.blob.<suffix>).')
output blobUrl string = 'https://${account.name}.blob.${environment().suffixes.storage}'

@description('Queue service URL.')
output queueUrl string = 'https://${account.name}.queue.${environment().suffixes.storage}'

@description('Table service URL.')
output tableUrl string = 'https://${account.name}.table.${environment().suffixes.storage}'
