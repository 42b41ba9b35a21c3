// Ferry in Azure: the Functions app (durable orchestration of migration runs) with everything it needs, all reached
// through one user-assigned managed identity. `azd up` deploys this at subscription scope into one resource group.
// No parameter holds a secret: PostgreSQL and storage take Entra tokens only, and the legacy SQL Server connection
// strings are set in Key Vault by operators after provisioning (docs/deployment.md).

targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------------------
// Environment

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource (one that offers Flex Consumption when that plan is used).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or update; rg-<environmentName> when empty.')
param resourceGroupName string = ''

@description('Object id of the operator running azd (AZURE_PRINCIPAL_ID): may upload the migration configuration and set the connection-string secrets. Empty grants nothing.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

// ---------------------------------------------------------------------------------------------------------------
// Functions app

@description('FlexConsumption (pay per execution, scales to zero) or ElasticPremium (pre-warmed instances, no cold start).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Elastic Premium SKU, when hostingPlan is ElasticPremium.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Most instances the app scales out to: bounds the load on the legacy servers and the target.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 20

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'

@description('NCRONTAB schedule of the delta timer (FERRY_DELTA_TICK): seconds, minutes, hours, day, month, weekday.')
param deltaTickSchedule string = '0 */1 * * * *'

@description('Client id of the Entra app registration that protects the HTTP API (infra/scripts/register-api-app.sh sets it).')
param apiClientId string = ''

@description('Token audience the API accepts; api://<apiClientId> when empty.')
param apiAudience string = ''

// ---------------------------------------------------------------------------------------------------------------
// Networking

@description('Pilot mode: storage, Key Vault and PostgreSQL get public endpoints (PostgreSQL behind firewall rules) and no private endpoints. Entra ID stays the only way in.')
param publicAccess bool = false

@description('Public addresses in CIDR form (203.0.113.7/32) of operators, auditors or on-premises workers: allowed through the storage and Key Vault firewalls in private mode, and given PostgreSQL firewall rules in public mode.')
param allowedIpRanges string[] = []

@description('Public mode only: let Azure services (the Functions app among them) through the PostgreSQL firewall.')
param allowAzureServicesToPostgres bool = true

@description('Address space of the virtual network, at least a /22; must not overlap the on-premises networks.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('How the app reaches legacy SQL Servers on premises: None (self-hosted workers on premises instead, or servers reachable otherwise), Vpn (site-to-site VPN gateway) or ExpressRoute (gateway for an existing circuit). The connection to the site is made by operators (docs/deployment.md).')
@allowed([
  'None'
  'Vpn'
  'ExpressRoute'
])
param onPremisesConnectivity string = 'None'

@description('Gateway SKU; VpnGw1AZ or ErGw1AZ by connectivity when empty.')
param onPremisesGatewaySku string = ''

@description('Service principals of self-hosted `dm worker` processes on premises (objectId, name): granted the task hub and report storage roles and made PostgreSQL Entra administrators under their name.')
param workerPrincipals { objectId: string, name: string }[] = []

// ---------------------------------------------------------------------------------------------------------------
// Storage, Key Vault, monitoring

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Container of the audit reports (FERRY_REPORTS_CONTAINER).')
@minLength(3)
@maxLength(63)
param reportsContainerName string = 'migration-reports'

@description('Container the migration configuration is uploaded to.')
@minLength(3)
@maxLength(63)
param configContainerName string = 'config'

@description('Blob name of the migration configuration in the config container (FERRY_CONFIG points at it).')
param migrationConfigBlobName string = 'migration.yaml'

@description('Days after which blobs under runs/ in the reports container (run logs and reports) are deleted.')
@minValue(1)
param runLogRetentionDays int = 180

@description('Legacy SQL Server sources by name (letters, digits, dashes): each name is the Key Vault secret holding that source\'s connection string and the app setting FERRY_SOURCE_<NAME> referencing it.')
param legacySources string[] = []

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

@description('PostgreSQL major version.')
@allowed([
  '15'
  '16'
  '17'
])
param postgresVersion string = '16'

@description('PostgreSQL compute SKU (Standard_B2ms is Burstable; Standard_D4ds_v5 GeneralPurpose).')
param postgresSkuName string = 'Standard_B2ms'

@description('PostgreSQL compute tier matching postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('PostgreSQL storage in GiB (grows automatically).')
@minValue(32)
param postgresStorageSizeGB int = 128

@description('Zone-redundant standby for PostgreSQL.')
param postgresHighAvailability bool = false

@description('Days of PostgreSQL point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Target service databases created on the server.')
param targetDatabases string[] = [
  'target'
]

// ---------------------------------------------------------------------------------------------------------------
// Names and derived values

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-ferry-${resourceToken}'
  functionApp: 'func-ferry-${resourceToken}'
  plan: 'plan-ferry-${resourceToken}'
  storage: 'stferry${resourceToken}'
  keyVault: 'kv-ferry-${resourceToken}'
  postgres: 'psql-ferry-${resourceToken}'
  vnet: 'vnet-ferry-${resourceToken}'
  logAnalytics: 'log-ferry-${resourceToken}'
  appInsights: 'appi-ferry-${resourceToken}'
}
var isFlex = hostingPlan == 'FlexConsumption'
var deploymentContainerName = isFlex ? 'app-package' : ''
var privateAccess = !publicAccess
var vnetEnabled = privateAccess || onPremisesConnectivity != 'None'

// environment() names the storage and Key Vault suffixes of the cloud deployed to; PostgreSQL's are not among them.
var postgresDnsSuffixes = {
  AzureCloud: 'postgres.database.azure.com'
  AzureUSGovernment: 'postgres.database.usgovcloudapi.net'
  AzureChinaCloud: 'postgres.database.chinacloudapi.cn'
}
var postgresDnsSuffix = postgresDnsSuffixes[?environment().name] ?? postgresDnsSuffixes.AzureCloud
var keyVaultPrivateZone = 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
var privateEndpoints = [
  {
    service: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    service: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    service: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    service: 'vault'
    zone: keyVaultPrivateZone
  }
]
var privateZoneNames = concat(map(privateEndpoints, endpoint => endpoint.zone), [
  '${names.postgres}.private.${postgresDnsSuffix}'
])
var gatewaySku = !empty(onPremisesGatewaySku)
  ? onPremisesGatewaySku
  : (onPremisesConnectivity == 'ExpressRoute' ? 'ErGw1AZ' : 'VpnGw1AZ')

// ---------------------------------------------------------------------------------------------------------------
// Resources

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    identityPrincipalId: identity.outputs.principalId
  }
}

module network 'modules/network.bicep' = if (vnetEnabled) {
  name: 'network'
  scope: rg
  params: {
    name: names.vnet
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    appSubnetDelegation: isFlex ? 'Microsoft.App/environments' : 'Microsoft.Web/serverFarms'
    privateAccess: privateAccess
    gatewayType: onPremisesConnectivity
    gatewaySku: gatewaySku
  }
}

module privateDns 'modules/private-dns.bicep' = if (privateAccess) {
  name: 'private-dns'
  scope: rg
  params: {
    zoneNames: privateZoneNames
    vnetId: vnetEnabled ? network!.outputs.id : ''
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    publicAccess: publicAccess
    allowedIpRanges: allowedIpRanges
    reportsContainerName: reportsContainerName
    configContainerName: configContainerName
    deploymentContainerName: deploymentContainerName
    runLogRetentionDays: runLogRetentionDays
    identityPrincipalId: identity.outputs.principalId
    workerPrincipalIds: map(workerPrincipals, worker => worker.objectId)
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    publicAccess: publicAccess
    allowedIpRanges: allowedIpRanges
    identityPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module endpoints 'modules/private-endpoint.bicep' = [
  for (endpoint, i) in privateEndpoints: if (privateAccess) {
    name: 'private-endpoint-${endpoint.service}'
    scope: rg
    params: {
      name: 'pe-${endpoint.service}-ferry-${resourceToken}'
      location: location
      tags: tags
      subnetId: vnetEnabled ? network!.outputs.privateEndpointSubnetId : ''
      targetId: endpoint.service == 'vault' ? keyVault.outputs.id : storage.outputs.id
      groupId: endpoint.service
      zoneId: privateAccess ? privateDns!.outputs.ids[i] : ''
    }
  }
]

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: names.postgres
    location: location
    tags: tags
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    highAvailability: postgresHighAvailability
    backupRetentionDays: postgresBackupRetentionDays
    delegatedSubnetId: privateAccess ? network!.outputs.postgresSubnetId : ''
    privateDnsZoneId: privateAccess ? privateDns!.outputs.ids[length(privateEndpoints)] : ''
    allowedIpRanges: allowedIpRanges
    allowAzureServices: allowAzureServicesToPostgres
    databases: targetDatabases
    administrators: concat(
      [
        {
          objectId: identity.outputs.principalId
          name: identity.outputs.name
          type: 'ServicePrincipal'
        }
      ],
      map(workerPrincipals, worker => {
        objectId: worker.objectId
        name: worker.name
        type: 'ServicePrincipal'
      })
    )
  }
}

// The settings contract of the app (docs/deployment.md lists each one and where it comes from).
var sourceSettings = toObject(
  legacySources,
  connection => 'FERRY_SOURCE_${toUpper(replace(connection, '-', '_'))}',
  connection => '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${connection})'
)
var appSettings = union(
  {
    // The Functions host and the durable task hub reach storage as the identity, never with a key. The service URIs
    // make the host use the storage suffix of the cloud deployed to.
    AzureWebJobsStorage__accountName: storage.outputs.name
    AzureWebJobsStorage__blobServiceUri: storage.outputs.blobUrl
    AzureWebJobsStorage__queueServiceUri: storage.outputs.queueUrl
    AzureWebJobsStorage__tableServiceUri: storage.outputs.tableUrl
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.outputs.clientId
    // DefaultAzureCredential in the app picks the user-assigned identity by this client id.
    AZURE_CLIENT_ID: identity.outputs.clientId
    AZURE_FUNCTIONS_ENVIRONMENT: 'Production'
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
    FERRY_CONFIG: '${storage.outputs.blobUrl}/${configContainerName}/${migrationConfigBlobName}'
    FERRY_DELTA_TICK: deltaTickSchedule
    FERRY_REPORTS_ACCOUNT_URL: storage.outputs.blobUrl
    FERRY_REPORTS_CONTAINER: reportsContainerName
    FERRY_TARGET_HOST: postgres.outputs.host
    FERRY_TARGET_USER: identity.outputs.name
    AzureAd__Instance: environment().authentication.loginEndpoint
    AzureAd__TenantId: tenant().tenantId
    AzureAd__ClientId: apiClientId
    AzureAd__Audience: !empty(apiAudience) ? apiAudience : (empty(apiClientId) ? '' : 'api://${apiClientId}')
  },
  sourceSettings
)

module functions 'modules/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'functions'
    hostingPlan: hostingPlan
    elasticPremiumSku: elasticPremiumSku
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    dotnetVersion: dotnetVersion
    identityId: identity.outputs.id
    storageBlobUrl: storage.outputs.blobUrl
    deploymentContainerName: deploymentContainerName
    appSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    workspaceId: monitoring.outputs.workspaceId
    appSettings: appSettings
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs: azd stores them in the environment, where the hooks and operators read them. None is a secret.

@description('Region deployed to.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding every resource.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the Functions app.')
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name

@description('Base URL of the app\'s HTTP API.')
output FERRY_APP_URL string = functions.outputs.url

@description('Storage account of the task hub, the reports and the configuration.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob service URL of the reports.')
output FERRY_REPORTS_ACCOUNT_URL string = storage.outputs.blobUrl

@description('Container of the audit reports.')
output FERRY_REPORTS_CONTAINER string = reportsContainerName

@description('Container the migration configuration is uploaded to.')
output FERRY_CONFIG_CONTAINER string = configContainerName

@description('Blob URL of the migration configuration, as the app reads it.')
output FERRY_CONFIG_URL string = '${storage.outputs.blobUrl}/${configContainerName}/${migrationConfigBlobName}'

@description('PostgreSQL host name.')
output FERRY_TARGET_HOST string = postgres.outputs.host

@description('PostgreSQL Entra principal name of the app identity.')
output FERRY_TARGET_USER string = identity.outputs.name

@description('Client id of the app identity.')
output FERRY_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Key Vault that holds the legacy connection strings.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('On-premises gateway to connect to the district sites; empty without one.')
output FERRY_GATEWAY_NAME string = vnetEnabled ? network!.outputs.gatewayName : ''
