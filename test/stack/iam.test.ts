import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CONTEXT_KEYS, CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { logicalId, resourcesOf, roleStatements, synthStack } from './synth';

type Statement = Record<string, any>;

/** Every IAM statement in the template: identity policies, inline role policies and resource (key) policies. */
function allStatements(json: Record<string, any>): Statement[] {
  const found: Statement[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (Array.isArray(obj.Statement)) found.push(...(obj.Statement as Statement[]));
      Object.values(obj).forEach(walk);
    }
  };
  walk(json.Resources);
  return found;
}

const actionsOf = (s: Statement): string[] => [s.Action ?? s.NotAction].flat();
const target = (s: Statement): string => JSON.stringify(s.Resource);

/** The role's statements as { resource logical id → sorted actions } (Resource "*" excluded, checked separately). */
function grantsByResource(statements: Statement[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of statements.filter((st) => target(st) !== '"*"')) {
    const id = s.Resource.Ref ?? s.Resource['Fn::GetAtt'][0];
    out[id] = [...(out[id] ?? []), ...actionsOf(s)].sort();
  }
  return out;
}

describe('Stack: IAM least privilege (default configuration)', () => {
  const { template } = synthStack();
  const id = (type: string, prefix: string): string => logicalId(template, type, prefix);
  const table = (name: string): string => id('AWS::DynamoDB::Table', `Data${name}`);
  const secret = (name: string): string => id('AWS::SecretsManager::Secret', `Secrets${name}`);
  const logs = (name: string): string => id('AWS::Logs::LogGroup', `Functions${name}Logs`);
  const key = id('AWS::KMS::Key', 'TokenKey');
  // Spelled out, not imported from lib: these lists are what the review signs off, so a change must show up here.
  const dynamo = (...actions: string[]): string[] => actions.map((a) => `dynamodb:${a}`).sort();
  const ownLogs = ['logs:CreateLogStream', 'logs:PutLogEvents'];

  it('has no wildcard action and no NotAction in any policy of the template (a Deny restricts, it grants nothing)', () => {
    // Prepare: the keeper's dead-letter queue denies sqs:* over plain HTTP (enforceSSL)
    const statements = allStatements(template.toJSON()).filter((s) => s.Effect !== 'Deny');

    // Assess
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.filter((s) => s.NotAction !== undefined || actionsOf(s).some((a) => a.includes('*')))).toEqual(
      [],
    );
  });

  it('allows Resource "*" in no identity policy (X-Ray is off, so not even its actions)', () => {
    // Prepare
    const starred = allStatements(template.toJSON()).filter((s) => target(s) === '"*"' && !s.Principal);

    // Assess
    expect(starred.map(actionsOf)).toEqual([]);
  });

  it("authStart may put OAuth state, run the manager's page (connections, hours) and read two secrets", () => {
    // Assess
    expect(grantsByResource(roleStatements(template, 'AuthStart'))).toEqual({
      [logs('AuthStart')]: ownLogs,
      [secret('MicrosoftClientSecret')]: ['secretsmanager:GetSecretValue'],
      [secret('InviteSigningKey')]: ['secretsmanager:GetSecretValue'],
      [table('OAuthState')]: dynamo('PutItem'),
      [table('Connections')]: dynamo('BatchGetItem', 'DeleteItem', 'GetItem', 'UpdateItem'),
      [table('Settings')]: dynamo('BatchGetItem', 'GetItem', 'UpdateItem'),
    });
  });

  it('authCallback may consume state, write connections (never delete them) and seal/open credentials', () => {
    // Assess
    expect(grantsByResource(roleStatements(template, 'AuthCallback'))).toEqual({
      [logs('AuthCallback')]: ownLogs,
      [secret('MicrosoftClientSecret')]: ['secretsmanager:GetSecretValue'],
      [secret('InviteSigningKey')]: ['secretsmanager:GetSecretValue'],
      [table('OAuthState')]: dynamo('DeleteItem', 'PutItem'),
      [table('Connections')]: dynamo('BatchGetItem', 'GetItem', 'UpdateItem'),
      [key]: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
  });

  it('vapiWebhook may use connections, read settings, use bookings, record replays, prefetch, open/re-seal credentials', () => {
    // Assess: replays (PutItem) and call-start prefetches (GetItem, PutItem), on their own keys (secrets.test.ts)
    expect(grantsByResource(roleStatements(template, 'VapiWebhook'))).toEqual({
      [logs('VapiWebhook')]: ownLogs,
      [secret('MicrosoftClientSecret')]: ['secretsmanager:GetSecretValue'],
      [secret('VapiWebhookSecret')]: ['secretsmanager:GetSecretValue'],
      [table('OAuthState')]: dynamo('BatchGetItem', 'GetItem', 'PutItem', 'PutItem'),
      [table('Connections')]: dynamo('BatchGetItem', 'GetItem', 'UpdateItem'),
      [table('Settings')]: dynamo('BatchGetItem', 'GetItem'),
      [table('Bookings')]: dynamo(
        'BatchGetItem',
        'ConditionCheckItem',
        'DeleteItem',
        'GetItem',
        'PutItem',
        'Query',
        'UpdateItem',
      ),
      [key]: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
  });

  it('status may change connections and settings, query bookings and read its admin token, nothing else', () => {
    // Assess: roles and disconnect are a conditional UpdateItem, or a DeleteItem for the last connection; no
    // PutItem (save never overwrites), no Bookings writes, no token key (no provider here can revoke).
    expect(grantsByResource(roleStatements(template, 'Status'))).toEqual({
      [logs('Status')]: ownLogs,
      [secret('AdminToken')]: ['secretsmanager:GetSecretValue'],
      [table('Connections')]: dynamo('BatchGetItem', 'DeleteItem', 'GetItem', 'UpdateItem'),
      [table('Settings')]: dynamo('BatchGetItem', 'GetItem', 'UpdateItem'),
      [table('Bookings')]: dynamo('Query'),
    });
  });

  it('grants PutItem on Connections to no function: every write there is conditional on what was read', () => {
    // Prepare
    const connections = { 'Fn::GetAtt': [table('Connections'), 'Arn'] };
    const onConnections = allStatements(template.toJSON()).filter((s) => target(s) === JSON.stringify(connections));

    // Assess: five functions' grants, and the keeper's one-off enrolment Scan
    expect(onConnections).toHaveLength(6);
    expect(onConnections.flatMap(actionsOf).filter((a) => a === 'dynamodb:PutItem')).toEqual([]);
  });

  it('grants DynamoDB item actions only: no Scan, BatchWriteItem, streams, table management or index wildcards', () => {
    // Prepare
    const statements = allStatements(template.toJSON()).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );

    // Assess: authStart 3, authCallback 2, vapiWebhook 5 (the call-start prefetch's own), status 3, keeper 5 (three
    // tables, its two due-lists and the one-off enrolment).
    expect(statements).toHaveLength(18);
    // The one Scan: the keeper's enrolment, on the connections table, held to its key and shard (test/stack/keeper).
    const scans = statements.filter((s) => actionsOf(s).includes('dynamodb:Scan'));
    expect(scans.map((s) => [s.Sid, actionsOf(s), s.Condition?.StringEquals])).toEqual([
      ['Enrolment', ['dynamodb:Scan'], { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' }],
    ]);
    expect(
      statements
        .filter((s) => !scans.includes(s))
        .flatMap(actionsOf)
        .filter((a) => /Scan|BatchWrite|GetRecords|Shard|Stream|Table|Transact/.test(a)),
    ).toEqual([]);
    // BatchGetItem only beside GetItem: the coalesced form of concurrent GetItems (adapters/dynamo/coalesced-gets.ts).
    const batchGets = statements.filter((s) => actionsOf(s).includes('dynamodb:BatchGetItem'));
    expect(batchGets.length).toBeGreaterThan(0);
    expect(batchGets.every((s) => actionsOf(s).includes('dynamodb:GetItem'))).toBe(true);
    expect(statements.filter((s) => actionsOf(s).includes('dynamodb:GetItem')).length).toBe(batchGets.length);
    // Only the keeper reads an index: Query on the two due-lists, each named (never index/*).
    const onIndexes = statements.filter((s) => target(s).includes('index'));
    expect(
      onIndexes.map((s) => [
        actionsOf(s),
        target(s)
          .match(/\/index\/[a-z*]+/g)
          ?.sort(),
      ]),
    ).toEqual([[['dynamodb:Query'], ['/index/due', '/index/keeper']]]);
  });

  it.each(['AuthCallback', 'VapiWebhook'])(
    '%s may use the token key only with the token-cache encryption context',
    (name) => {
      // Prepare
      const kms = roleStatements(template, name).filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));

      // Assess
      expect(kms).toHaveLength(1);
      expect(kms[0]!.Condition).toEqual({
        StringEquals: { 'kms:EncryptionContext:purpose': CREDENTIALS_PURPOSE },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...CREDENTIAL_CONTEXT_KEYS] },
      });
    },
  );

  it('binds the purpose every stored credential was sealed with (changing it would strand them)', () => {
    // Assess
    expect(CREDENTIALS_PURPOSE).toBe('msal-token-cache');
    expect(CREDENTIAL_CONTEXT_KEYS).toEqual(['managerId', 'purpose']);
  });

  it('gives no KMS access to authStart and status (no provider offered here can revoke a grant)', () => {
    // Assess
    for (const name of ['AuthStart', 'Status']) {
      expect(
        roleStatements(template, name)
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('kms:')),
      ).toEqual([]);
    }
  });

  it("lets each log statement write only to its function's own log group", () => {
    // Assess
    for (const name of ['AuthStart', 'AuthCallback', 'VapiWebhook', 'Status']) {
      const statement = roleStatements(template, name).find((s) => actionsOf(s).includes('logs:PutLogEvents'))!;
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [logs(name), 'Arn'] });
    }
  });

  it('has one inline policy per function role (authorizer included) and no managed policy at all', () => {
    // Prepare
    const roles = Object.entries(resourcesOf(template, 'AWS::IAM::Role'));

    // Assess
    // The six functions' roles and the keeper schedule's.
    template.resourceCountIs('AWS::IAM::Policy', 7);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(roles.filter(([, r]) => r.Properties!.ManagedPolicyArns)).toEqual([]);
  });
});

describe('Stack: IAM with Google offered', () => {
  const both = synthStack({ googleClientId: '123456789012-abc.apps.googleusercontent.com' }).template;
  const googleOnly = synthStack({
    microsoftClientId: undefined,
    googleClientId: '123456789012-abc.apps.googleusercontent.com',
  }).template;
  const secretIn = (template: typeof both, name: string) =>
    logicalId(template, 'AWS::SecretsManager::Secret', `Secrets${name}`);
  const grants = (template: typeof both, fn: string) => grantsByResource(roleStatements(template, fn));

  it('lets only the callback and the webhook (code exchange, refresh) read the Google client secret', () => {
    // Assess
    const google = secretIn(both, 'GoogleClientSecret');
    const microsoft = secretIn(both, 'MicrosoftClientSecret');
    for (const fn of ['AuthCallback', 'VapiWebhook']) {
      expect(grants(both, fn)[google], fn).toEqual(['secretsmanager:GetSecretValue']);
    }
    for (const fn of ['AuthStart', 'Status']) expect(grants(both, fn)[google], fn).toBeUndefined();
    for (const fn of ['AuthStart', 'AuthCallback', 'VapiWebhook'])
      expect(grants(both, fn)[microsoft], fn).toBeDefined();
    expect(grants(both, 'Status')[microsoft]).toBeUndefined();
  });

  it('gives authStart and status kms:Decrypt alone, under the credential context, to revoke a grant', () => {
    // Assess
    const key = logicalId(both, 'AWS::KMS::Key', 'TokenKey');
    for (const fn of ['AuthStart', 'Status']) {
      expect(grants(both, fn)[key], fn).toEqual(['kms:Decrypt']);
      const statement = roleStatements(both, fn).find((s) => actionsOf(s).includes('kms:Decrypt'))!;
      expect(statement.Condition.StringEquals).toEqual({ 'kms:EncryptionContext:purpose': CREDENTIALS_PURPOSE });
    }
  });

  it('creates no Microsoft secret and grants nothing of it when only Google is offered', () => {
    // Assess
    expect(Object.keys(resourcesOf(googleOnly, 'AWS::SecretsManager::Secret')).some((id) => /Microsoft/.test(id))).toBe(
      false,
    );
    expect(secretIn(googleOnly, 'GoogleClientSecret')).toBeDefined();
  });
});
