// The virtual network: the Functions app's outbound integration subnet, a subnet for private endpoints, a subnet
// delegated to PostgreSQL Flexible Server, and optionally a gateway subnet with a VPN or ExpressRoute gateway
// towards the district data centres. Subnets are cut from the address space in order (the first three /24s, then a
// /27 for the gateway), so one prefix parameter is enough.

@description('Name of the virtual network; subnets and the gateway are named after it.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Address space of the network, at least a /22 (e.g. 10.40.0.0/16). It must not overlap the on-premises networks when a gateway connects them.')
param addressPrefix string

@description('Service the app subnet is delegated to: Microsoft.App/environments for Flex Consumption, Microsoft.Web/serverFarms for Elastic Premium.')
@allowed([
  'Microsoft.App/environments'
  'Microsoft.Web/serverFarms'
])
param appSubnetDelegation string

@description('Create the private-endpoint subnet and the PostgreSQL delegated subnet (private access).')
param privateAccess bool

@description('Gateway towards on-premises networks: None, Vpn (site-to-site VPN) or ExpressRoute.')
@allowed([
  'None'
  'Vpn'
  'ExpressRoute'
])
param gatewayType string

@description('Gateway SKU, e.g. VpnGw1AZ for Vpn or ErGw1AZ for ExpressRoute.')
param gatewaySku string

var appSubnetName = 'snet-app'
var privateEndpointSubnetName = 'snet-private-endpoints'
var postgresSubnetName = 'snet-postgres'
// First /27 of the fourth /24. GatewaySubnet must be named exactly so and carry no network security group.
var gatewaySubnetPrefix = cidrSubnet(cidrSubnet(addressPrefix, 24, 3), 27, 0)

var appSubnet = {
  name: appSubnetName
  properties: {
    addressPrefix: cidrSubnet(addressPrefix, 24, 0)
    networkSecurityGroup: {
      id: nsg.id
    }
    delegations: [
      {
        name: 'app'
        properties: {
          serviceName: appSubnetDelegation
        }
      }
    ]
  }
}

var privateSubnets = privateAccess
  ? [
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          networkSecurityGroup: {
            id: nsg.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
      {
        name: postgresSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 2)
          networkSecurityGroup: {
            id: nsg.id
          }
          delegations: [
            {
              name: 'postgres'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  : []

var gatewaySubnets = gatewayType == 'None'
  ? []
  : [
      {
        name: 'GatewaySubnet'
        properties: {
          addressPrefix: gatewaySubnetPrefix
        }
      }
    ]

// The platform's default rules only: traffic inside the network and from its gateway is allowed, inbound from the
// internet is not. Attached so that policies requiring a security group on every subnet are met.
resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${name}'
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: concat([appSubnet], privateSubnets, gatewaySubnets)
  }
}

var vpnProperties resourceInput<'Microsoft.Network/virtualNetworkGateways@2024-05-01'>.properties = {
  vpnType: 'RouteBased'
}

resource gatewayIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = if (gatewayType != 'None') {
  name: 'pip-gw-${name}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = if (gatewayType != 'None') {
  name: 'gw-${name}'
  location: location
  tags: tags
  properties: union(
    {
      gatewayType: gatewayType
      sku: {
        name: gatewaySku
        tier: gatewaySku
      }
      activeActive: false
      enableBgp: false
      ipConfigurations: [
        {
          name: 'default'
          properties: {
            privateIPAllocationMethod: 'Dynamic'
            subnet: {
              id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'GatewaySubnet')
            }
            publicIPAddress: {
              id: gatewayIp.id
            }
          }
        }
      ]
    },
    // Site-to-site VPN needs route-based tunnels; an ExpressRoute gateway takes no VPN type.
    gatewayType == 'Vpn' ? vpnProperties : {}
  )
}

@description('Virtual network resource id, for private DNS zone links.')
output id string = vnet.id

@description('Subnet the Functions app integrates with.')
output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, appSubnetName)

@description('Subnet of the private endpoints; empty without private access.')
output privateEndpointSubnetId string = privateAccess
  ? resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, privateEndpointSubnetName)
  : ''

@description('Subnet delegated to PostgreSQL Flexible Server; empty without private access.')
output postgresSubnetId string = privateAccess
  ? resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, postgresSubnetName)
  : ''

@description('Name of the on-premises gateway; empty without one. Operators connect it to their site with the Azure CLI.')
output gatewayName string = gatewayType == 'None' ? '' : gateway.name
