// The Azure Bot resource of ParkingBot, deployed after main.bicep once the app answers at its messaging endpoint
// (Azure checks nothing at creation, but channels send to the endpoint at once). Single-tenant: multi-tenant bots can no
// longer be created, and the app signs its Connector calls with the app registration's client secret.

@description('Globally unique name of the bot resource (its Bot handle).')
@minLength(2)
@maxLength(64)
param botName string

@description('What customers and the Azure portal show.')
param displayName string = 'ParkingBot'

@description('main.bicep\'s messagingEndpoint output: https://<app fqdn>/api/messages.')
param messagingEndpoint string

@description('The Entra ID app registration of the bot: its application (client) id, as given to main.bicep.')
param microsoftAppId string

param microsoftAppTenantId string = tenant().tenantId

@allowed([
  'F0'
  'S1'
])
param sku string = 'S1'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppType: 'SingleTenant'
    msaAppId: microsoftAppId
    msaAppTenantId: microsoftAppTenantId
    schemaTransformationVersion: '1.3'
  }
}

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

output botName string = bot.name
