// Private DNS zones linked to the virtual network, so that inside it (and from networks that forward to it) the
// service host names resolve to private endpoint addresses.

@description('Zone names, e.g. privatelink.blob.core.windows.net (derived per cloud by the caller).')
param zoneNames string[]

@description('Virtual network the zones are linked to.')
param vnetId string

@description('Tags for the resources.')
param tags object

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zoneName in zoneNames: {
    name: zoneName
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zoneName, i) in zoneNames: {
    parent: zones[i]
    name: 'vnet'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnetId
      }
    }
  }
]

@description('Zone resource ids, in the order of zoneNames.')
output ids string[] = [for (zoneName, i) in zoneNames: zones[i].id]
