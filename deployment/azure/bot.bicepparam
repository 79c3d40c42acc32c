// Parameters of bot.bicep (no secret in it): deployed after main.bicep, with its messagingEndpoint output.
using 'bot.bicep'

param botName = 'parkingbot-bot'
param messagingEndpoint = 'https://parkingbot-app.example.azurecontainerapps.io/api/messages'
param microsoftAppId = '00000000-0000-0000-0000-000000000000'
