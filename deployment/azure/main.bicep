// ParkingBot on Azure, without the bot registration (bot.bicep, deployed after this one, once the app answers):
// a user-assigned identity, Log Analytics, Key Vault with the app's secrets, Azure Database for PostgreSQL Flexible
// Server, and Azure Container Apps running at least two replicas on the Postgres provider with probes, WebSockets and
// scale rules. Secret values are parameters given at deployment time (never in main.bicepparam); the app reads them as
// environment variables through Key Vault secret references. deployment/README.md is the runbook.

targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Prefix of every resource name (3-12 lowercase letters and digits).')
@minLength(3)
@maxLength(12)
param namePrefix string

@description('The container image to run, e.g. myregistry.azurecr.io/parkingbot:1.4.0.')
param containerImage string

@description('Registry server of the image when it needs credentials (empty: a public image). The identity pulls it (AcrPull).')
param containerRegistryServer string = ''

@description('The Entra ID app registration of the bot (single-tenant): its application (client) id.')
param microsoftAppId string

@description('The tenant of that app registration.')
param microsoftAppTenantId string = tenant().tenantId

@description('Its client secret; stored in Key Vault as microsoft-app-password.')
@secure()
param microsoftAppPassword string

@description('The Direct Line secret for server-to-server tokens/generate; stored in Key Vault as directline-secret.')
@secure()
param directLineSecret string

@description('The Azure CLU key (empty: the embedded intent recognizer); stored in Key Vault as clu-key.')
@secure()
param cluKey string = ''

@description('The Azure CLU endpoint, with cluKey.')
param cluEndpoint string = ''

@description('The CLU deployment name, with cluKey.')
param cluDeploymentName string = ''

@description('The KakaoTalk skill key (empty: the KakaoTalk channel is off); stored in Key Vault as kakao-skill-key.')
@secure()
param kakaoSkillKey string = ''

@description('The Kakao i Open Builder bot id, with kakaoSkillKey.')
param kakaoBotId string = ''

@description('The PostgreSQL administrator login.')
param postgresAdminLogin string = 'parkingbot'

@description('Its password; only the connection string in Key Vault holds it.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL compute. Its max_connections must hold every replica\'s pools: B2s allows 429, B1ms only 50.')
param postgresSkuName string = 'Standard_B2s'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Connections of one replica\'s store pool; it also holds as many turn locks plus one listening connection, so a replica uses up to 2 × this + 1.')
@minValue(4)
@maxValue(100)
param postgresPoolSize int = 10

@description('Days of PostgreSQL point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('Fewest replicas: two, so a restart or an upgrade never leaves the bot without an instance.')
@minValue(2)
param minReplicas int = 2

@maxValue(30)
param maxReplicas int = 10

@description('Concurrent HTTP requests per replica before another replica is added.')
param concurrentRequestsPerReplica int = 50

var suffix = uniqueString(resourceGroup().id, namePrefix)
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538f'
var useClu = !empty(cluKey)
var useKakao = !empty(kakaoSkillKey)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'parkingbot'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Azure services only (the container apps' outbound addresses are not fixed); the app verifies the server's certificate (VerifyFull).
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: microsoftAppPassword
  }
}

resource directLineSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'directline-secret'
  properties: {
    value: directLineSecret
  }
}

resource cluKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useClu) {
  parent: vault
  name: 'clu-key'
  properties: {
    value: cluKey
  }
}

resource kakaoSkillKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useKakao) {
  parent: vault
  name: 'kakao-skill-key'
  properties: {
    value: kakaoSkillKey
  }
}

resource connectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${database.name};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=VerifyFull;Maximum Pool Size=${postgresPoolSize}'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var secretReferences = concat([
  {
    name: 'microsoft-app-password'
    keyVaultUrl: appPasswordSecret.properties.secretUri
    identity: identity.id
  }
  {
    name: 'directline-secret'
    keyVaultUrl: directLineSecretSecret.properties.secretUri
    identity: identity.id
  }
  {
    name: 'postgres-connection-string'
    keyVaultUrl: connectionStringSecret.properties.secretUri
    identity: identity.id
  }
], useClu ? [
  {
    name: 'clu-key'
    keyVaultUrl: cluKeySecret!.properties.secretUri
    identity: identity.id
  }
] : [], useKakao ? [
  {
    name: 'kakao-skill-key'
    keyVaultUrl: kakaoSkillKeySecret!.properties.secretUri
    identity: identity.id
  }
] : [])

var cluSettings = useClu ? [
  {
    name: 'Recognizer__Kind'
    value: 'Clu'
  }
  {
    name: 'Clu__Endpoint'
    value: cluEndpoint
  }
  {
    name: 'Clu__DeploymentName'
    value: cluDeploymentName
  }
  {
    name: 'Clu__Key'
    secretRef: 'clu-key'
  }
] : []

var kakaoSettings = useKakao ? [
  {
    name: 'Kakao__SkillKey'
    secretRef: 'kakao-skill-key'
  }
  {
    name: 'Kakao__BotId'
    value: kakaoBotId
  }
] : []

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    secretsUser
    pull
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
        allowInsecure: false
        // No session affinity: any replica takes any conversation (their state and Direct Line log are in PostgreSQL).
        stickySessions: {
          affinity: 'none'
        }
      }
      secrets: secretReferences
      registries: empty(containerRegistryServer) ? [] : [
        {
          server: containerRegistryServer
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'parkingbot'
          image: containerImage
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: concat([
            {
              name: 'Storage__Provider'
              value: 'Postgres'
            }
            {
              name: 'ConnectionStrings__Postgres'
              secretRef: 'postgres-connection-string'
            }
            {
              name: 'MicrosoftAppId'
              value: microsoftAppId
            }
            {
              name: 'MicrosoftAppTenantId'
              value: microsoftAppTenantId
            }
            {
              name: 'MicrosoftAppPassword'
              secretRef: 'microsoft-app-password'
            }
            {
              name: 'DirectLine__Secret'
              secretRef: 'directline-secret'
            }
            {
              // The ingress is the only way in: the client's address and scheme come from its X-Forwarded-* headers.
              name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
              value: 'true'
            }
          ], cluSettings, kakaoSettings)
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 2
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 15
              timeoutSeconds: 5
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
          volumeMounts: [
            {
              volumeName: 'data'
              mountPath: '/data'
            }
          ]
        }
      ]
      volumes: [
        {
          // With PostgreSQL only the demo agent's first password file lands here; configure Agents:Accounts instead.
          name: 'data'
          storageType: 'EmptyDir'
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-requests'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequestsPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryServer)) {
  name: guid(resourceGroup().id, identity.id, acrPullRole)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
  }
}

@description('The app\'s public host name.')
output fqdn string = app.properties.configuration.ingress.fqdn

@description('The messaging endpoint to give the Azure Bot resource (bot.bicep).')
output messagingEndpoint string = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'

output keyVaultName string = vault.name
output postgresServerName string = postgres.name
output logAnalyticsWorkspaceName string = logs.name
