import { describe, expect, it } from 'vitest';
import { bookingsTable, connectionsTable, oauthStateTable, settingsTable } from '../../functions/contract/tables';
import { KEY_POLICY_ACTIONS } from '../../lib/token-key';
import { logicalId, resourcesOf, synthStack } from './synth';

describe('Stack: tables, token key and secrets (stack name "TestBooking")', () => {
  const { template } = synthStack();
  const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
  const table = (id: string) => tables[logicalId(template, 'AWS::DynamoDB::Table', `Data${id}`)]!;

  it('builds one on-demand table per spec in lib/tables.ts, with its keys', () => {
    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 4);
    for (const spec of [connectionsTable, settingsTable, oauthStateTable, bookingsTable]) {
      const keys = [spec.partitionKey, spec.sortKey]
        .filter(Boolean)
        .map((k, i) => ({ AttributeName: k!.name, KeyType: i ? 'RANGE' : 'HASH' }));
      expect(table(spec.id).Properties).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', KeySchema: keys });
    }
  });

  it('expires OAuth state (and stale booking records) by their TTL attribute', () => {
    // Assess
    expect(table('OAuthState').Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(table('Bookings').Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(table('Connections').Properties!.TimeToLiveSpecification).toBeUndefined();
    expect(table('Settings').Properties!.TimeToLiveSpecification).toBeUndefined();
  });

  it.each(['Connections', 'Settings', 'Bookings'])(
    'keeps the durable %s table: PITR on, retained on delete and on replacement',
    (id) => {
      // Assess
      expect(table(id).Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table(id).DeletionPolicy).toBe('Retain');
      expect(table(id).UpdateReplacePolicy).toBe('Retain');
    },
  );

  it('lets the ephemeral OAuth state table go with the stack', () => {
    // Assess
    expect(table('OAuthState').Properties!.PointInTimeRecoverySpecification).toBeUndefined();
    expect(table('OAuthState').DeletionPolicy).toBe('Delete');
  });

  it('encrypts every table with the AWS-managed DynamoDB key', () => {
    // Assess
    for (const t of Object.values(tables)) expect(t.Properties!.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('rotates the token key, retains it and gives it a stack-scoped alias', () => {
    // Prepare
    // The token key; the other key is the alarm topic's (test/stack/monitoring.test.ts).
    const key = resourcesOf(template, 'AWS::KMS::Key')[logicalId(template, 'AWS::KMS::Key', 'TokenKey')]!;

    // Assess
    template.resourceCountIs('AWS::KMS::Key', 2);
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/TestBooking/token-cache' });
  });

  it('trusts only the own account in the key policy, without kms:*, ReEncrypt, Encrypt or grants creation', () => {
    // Prepare
    const statements = resourcesOf(template, 'AWS::KMS::Key')[logicalId(template, 'AWS::KMS::Key', 'TokenKey')]!
      .Properties!.KeyPolicy.Statement;

    // Assess
    expect(statements).toHaveLength(1);
    expect(statements[0].Principal).toEqual({
      // A stack with a region (lib/edge-stack.ts needs one) knows its partition: `aws`.
      AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] },
    });
    // Order-free: @aws-cdk/aws-iam:minimizePolicies sorts the actions.
    expect([...statements[0].Action].sort()).toEqual([...KEY_POLICY_ACTIONS].sort());
    expect(KEY_POLICY_ACTIONS.filter((a) => /\*|ReEncrypt|kms:Encrypt|CreateGrant|GenerateDataKey\w/.test(a))).toEqual(
      [],
    );
  });

  it('names the secrets after the stack and generates all but the Microsoft one (48 chars, no punctuation)', () => {
    // Prepare
    const secrets = Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret')).map((s) => s.Properties!);
    const byName = Object.fromEntries(secrets.map((s) => [s.Name, s]));

    // Assess
    expect(Object.keys(byName).sort()).toEqual([
      'TestBooking/admin-token',
      'TestBooking/invite-signing-key',
      'TestBooking/microsoft-client-secret',
      'TestBooking/origin-verify',
      'TestBooking/vapi-webhook-secret',
    ]);
    for (const name of [
      'TestBooking/admin-token',
      'TestBooking/invite-signing-key',
      'TestBooking/origin-verify',
      'TestBooking/vapi-webhook-secret',
    ]) {
      expect(byName[name]!.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 48 });
    }
  });

  it('creates the Microsoft client secret as a blank placeholder the functions report as "not set yet"', () => {
    // Prepare
    const ms = Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret')).find(
      (s) => s.Properties!.Name === 'TestBooking/microsoft-client-secret',
    )!;

    // Assess
    expect(ms.Properties!.SecretString.trim()).toBe('');
    expect(ms.Properties!.GenerateSecretString).toBeUndefined();
  });

  it("outputs each secret's ARN and name", () => {
    // Assess
    for (const [prefix, name] of [
      ['MicrosoftClientSecret', 'microsoft-client-secret'],
      ['VapiWebhookSecret', 'vapi-webhook-secret'],
      ['InviteSigningKey', 'invite-signing-key'],
      ['AdminToken', 'admin-token'],
    ]) {
      template.hasOutput(`${prefix}Arn`, {
        Value: { Ref: logicalId(template, 'AWS::SecretsManager::Secret', `Secrets${prefix}`) },
      });
      template.hasOutput(`${prefix}Name`, { Value: `TestBooking/${name}` });
    }
  });
});
