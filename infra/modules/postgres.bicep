// Azure Database for PostgreSQL Flexible Server holding the target service databases. Password authentication is
// off: the app identity (and any on-premises worker principals) are Microsoft Entra administrators and sign in with
// access tokens, so no password exists anywhere. Private access puts the server in a delegated subnet with its own
// private DNS zone; pilot mode gives it a public endpoint behind firewall rules instead.

@description('Server name (globally unique; the host is <name>.postgres.database.azure.com in the public cloud).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('PostgreSQL major version.')
@allowed([
  '15'
  '16'
  '17'
])
param version string

@description('Compute SKU, e.g. Standard_B2ms (Burstable) or Standard_D4ds_v5 (GeneralPurpose).')
param skuName string

@description('Compute tier matching skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('Storage size in GiB; grows automatically when nearly full.')
param storageSizeGB int

@description('Zone-redundant high availability (a standby in another zone; doubles the compute cost).')
param highAvailability bool

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers; empty for public access.')
param delegatedSubnetId string

@description('Private DNS zone ending in the cloud\'s PostgreSQL suffix; empty for public access.')
param privateDnsZoneId string

@description('Public addresses (CIDR) given firewall rules in public access.')
param allowedIpRanges string[]

@description('In public access, allow connections from Azure services (the Functions app has no fixed address without a virtual network).')
param allowAzureServices bool

@description('Target service databases to create.')
param databases string[]

@description('Entra administrators: objectId, name (the PostgreSQL role name) and type (ServicePrincipal, User or Group).')
param administrators { objectId: string, name: string, type: ('ServicePrincipal' | 'User' | 'Group') }[]

var privateAccess = !empty(delegatedSubnetId)

var firewallRules = privateAccess
  ? []
  : concat(
      map(allowedIpRanges, range => {
        name: 'allow-${replace(replace(range, '.', '-'), '/', '_')}'
        start: parseCidr(contains(range, '/') ? range : '${range}/32').network
        end: parseCidr(contains(range, '/') ? range : '${range}/32').broadcast
      }),
      // 0.0.0.0 - 0.0.0.0 is the platform's marker for "allow public access from any Azure service".
      allowAzureServices
        ? [{ name: 'AllowAllAzureServicesAndResourcesWithinAzureIps', start: '0.0.0.0', end: '0.0.0.0' }]
        : []
    )

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: highAvailability ? 'ZoneRedundant' : 'Disabled'
    }
    network: privateAccess
      ? {
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
          publicNetworkAccess: 'Disabled'
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
  }
}

// The server accepts one change at a time: administrators, then databases, then firewall rules, each one by one.
@batchSize(1)
resource admins 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = [
  for admin in administrators: {
    parent: server
    name: admin.objectId
    properties: {
      principalName: admin.name
      principalType: admin.type
      tenantId: tenant().tenantId
    }
  }
]

@batchSize(1)
resource dbs 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = [
  for database in databases: {
    parent: server
    name: database
    properties: {
      charset: 'UTF8'
      collation: 'en_US.utf8'
    }
    dependsOn: [
      admins
    ]
  }
]

@batchSize(1)
resource rules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for rule in firewallRules: {
    parent: server
    name: rule.name
    properties: {
      startIpAddress: rule.start
      endIpAddress: rule.end
    }
    dependsOn: [
      dbs
    ]
  }
]

@description('Host name clients connect to.')
output host string = server.properties.fullyQualifiedDomainName

@description('Server name.')
output name string = server.name
