// The Functions app (.NET isolated) and its plan: Flex Consumption by default, Elastic Premium when asked. It runs as
// the user-assigned identity for everything: the host's task hub storage, Key Vault references, the deployment
// package (Flex Consumption) and the app's own Azure clients (AZURE_CLIENT_ID). host.json comes from the project.

@description('Name of the Functions app.')
param name string

@description('Name of the hosting plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Service name azd deploys to this app (tag azd-service-name).')
param serviceName string

@description('FlexConsumption (pay per execution, scale to zero) or ElasticPremium (always-warm instances).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Elastic Premium SKU; ignored on Flex Consumption.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('.NET version of the isolated worker.')
param dotnetVersion string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Blob service URL of the storage account (for the Flex Consumption deployment container).')
param storageBlobUrl string

@description('Container holding the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Subnet for outbound virtual network integration; empty for none.')
param appSubnetId string

@description('Log Analytics workspace receiving the platform logs.')
param workspaceId string

@description('Application settings (name to value). None may hold a secret: secrets are Key Vault references.')
param appSettings object

var isFlex = hostingPlan == 'FlexConsumption'
var integrated = !empty(appSubnetId)

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the
// Azure Files content settings: the runtime is declared in functionAppConfig and the package lives in blob storage.
// Elastic Premium needs them. It runs without an Azure Files content share, which would need a shared key, so the
// package is deployed to the app and run from it.
var planSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '1'
    }

// Each part of the site is typed against the resource schema (union() alone would not be checked), and a part a plan
// does not use is left out rather than sent as null.
type siteProperties = resourceInput<'Microsoft.Web/sites@2024-04-01'>.properties
type siteConfig = resourceInput<'Microsoft.Web/sites@2024-04-01'>.properties.siteConfig

var commonSiteConfig siteConfig = {
  minTlsVersion: '1.2'
  ftpsState: 'Disabled'
  http20Enabled: true
  appSettings: map(items(union(appSettings, planSettings)), setting => {
    name: setting.key
    value: setting.value
  })
}

var premiumSiteConfig siteConfig = {
  linuxFxVersion: 'DOTNET-ISOLATED|${dotnetVersion}'
  // Flex Consumption routes all outbound traffic through the integrated network by itself; Elastic Premium needs the
  // switch, or Key Vault references and storage calls would not go through the private endpoints.
  vnetRouteAllEnabled: integrated
  minimumElasticInstanceCount: 1
  functionAppScaleLimit: maximumInstanceCount
}

var flexProperties siteProperties = {
  functionAppConfig: {
    deployment: {
      storage: {
        type: 'blobContainer'
        value: '${storageBlobUrl}/${deploymentContainerName}'
        authentication: {
          type: 'UserAssignedIdentity'
          userAssignedIdentityResourceId: identityId
        }
      }
    }
    scaleAndConcurrency: {
      maximumInstanceCount: maximumInstanceCount
      instanceMemoryMB: instanceMemoryMB
    }
    runtime: {
      name: 'dotnet-isolated'
      version: dotnetVersion
    }
  }
}

var integrationProperties siteProperties = {
  virtualNetworkSubnetId: appSubnetId
}

var premiumPlanProperties resourceInput<'Microsoft.Web/serverfarms@2024-04-01'>.properties = {
  maximumElasticWorkerCount: maximumInstanceCount
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: elasticPremiumSku
        tier: 'ElasticPremium'
      }
  properties: union(
    {
      reserved: true
    },
    isFlex ? {} : premiumPlanProperties
  )
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: union(
    {
      serverFarmId: plan.id
      httpsOnly: true
      keyVaultReferenceIdentity: identityId
      siteConfig: union(commonSiteConfig, isFlex ? {} : premiumSiteConfig)
    },
    integrated ? integrationProperties : {},
    isFlex ? flexProperties : {}
  )
}

// Deployments authenticate with Entra ID; publishing user names and passwords are switched off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

@description('Functions app name.')
output name string = site.name

@description('Base URL of the app.')
output url string = 'https://${site.properties.defaultHostName}'
