/** Names of the stack's CloudFormation outputs. Scripts (npm run invite) look them up, so they live in one place. */
export const STACK_OUTPUTS = {
  apiUrl: 'ApiUrl',
  webhookUrl: 'WebhookUrl',
  callbackUrl: 'CallbackUrl',
  tokenKeyArn: 'TokenKeyArn',
} as const;

/** Output-name prefix per secret; the stack emits `<prefix>Arn` and `<prefix>Name` for each it has. */
export const SECRET_OUTPUT_PREFIX = {
  microsoftClientSecret: 'MicrosoftClientSecret',
  googleClientSecret: 'GoogleClientSecret',
  vapiSecret: 'VapiWebhookSecret',
  inviteSigningKey: 'InviteSigningKey',
  adminToken: 'AdminToken',
} as const;
