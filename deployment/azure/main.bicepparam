// Parameters of main.bicep. No secret is in this file: the secrets are read from the deployer's environment when the
// deployment runs (deployment/README.md, "First deployment"), and land only in Key Vault.
using 'main.bicep'

param microsoftAppPassword = readEnvironmentVariable('MICROSOFT_APP_PASSWORD')
param directLineSecret = readEnvironmentVariable('DIRECTLINE_SECRET')
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param cluKey = readEnvironmentVariable('CLU_KEY', '')
param kakaoSkillKey = readEnvironmentVariable('KAKAO_SKILL_KEY', '')

param namePrefix = 'parkingbot'
param containerImage = 'myregistry.azurecr.io/parkingbot:1.0.0'
param containerRegistryServer = 'myregistry.azurecr.io'
param microsoftAppId = '00000000-0000-0000-0000-000000000000'
param minReplicas = 2
param maxReplicas = 10
param postgresSkuName = 'Standard_B2s'
param postgresPoolSize = 10
param postgresSkuTier = 'Burstable'
