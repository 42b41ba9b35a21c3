// One private endpoint for one sub-resource (blob, queue, table, vault) with its address registered in the zone.

@description('Name of the private endpoint.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Subnet the endpoint takes its address from.')
param subnetId string

@description('Resource the endpoint connects to.')
param targetId string

@description('Sub-resource (group id): blob, queue, table or vault.')
param groupId string

@description('Private DNS zone that receives the endpoint address.')
param zoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: zoneId
        }
      }
    ]
  }
}
