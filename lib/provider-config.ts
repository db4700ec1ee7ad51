/** The providers' CDK context (microsoftClientId, microsoftTenantId, googleClientId): its checks at synth. */

const GOOGLE_CLIENT_ID = /^[0-9]+-[a-z0-9]+\.apps\.googleusercontent\.com$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = new RegExp(
  '^(common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|' +
    '[a-z0-9-]+(\\.[a-z0-9-]+)+)$',
  'i',
);

/** One line naming a bad context key, its problem and an example. */
export function invalid(key: string, problem: string, example: string): string {
  return `Invalid CDK context "${key}": ${problem}. Example: -c ${key}=${example}`;
}

/** Why the provider settings are unusable (empty when they are fine): at least one provider, each well formed. */
export function providerProblems(
  clientId: string | undefined,
  tenant: string,
  googleId: string | undefined,
  tenantGiven = false,
): string[] {
  const problems: string[] = [];
  if (!clientId && !googleId) {
    problems.push(
      'Missing CDK context "microsoftClientId": the Application (client) ID of your Entra app registration. ' +
        'Pass -c microsoftClientId=<guid> or set it under "context" in cdk.json ' +
        '(a CI synth may use -c microsoftClientId=00000000-0000-0000-0000-000000000000). For Google Calendar ' +
        'instead (or as well), pass -c googleClientId=<id>.apps.googleusercontent.com.',
    );
  }
  if (googleId && !GOOGLE_CLIENT_ID.test(googleId)) {
    problems.push(
      invalid(
        'googleClientId',
        `expected a Google OAuth client ID ending in .apps.googleusercontent.com, got "${googleId}"`,
        '1234567890-abc123def456.apps.googleusercontent.com',
      ),
    );
  }
  if (!clientId) {
    if (tenantGiven) {
      problems.push(
        `Invalid CDK context "microsoftTenantId": it is set without microsoftClientId. Remove it, or also pass ` +
          '-c microsoftClientId=<guid>',
      );
    }
    return problems;
  }
  if (!GUID.test(clientId)) {
    problems.push(
      invalid('microsoftClientId', `expected a GUID, got "${clientId}"`, '11111111-2222-3333-4444-555555555555'),
    );
  }
  if (!TENANT.test(tenant)) {
    problems.push(
      invalid(
        'microsoftTenantId',
        `expected common, organizations, a tenant GUID or a domain, got "${tenant}"`,
        'contoso.onmicrosoft.com',
      ),
    );
  }
  return problems;
}
