import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  configFromContext,
  resolveConfig,
  StackConfigError,
  type BookingStackConfigInput,
} from '../../lib/stack-config';
import { TEST_CLIENT_ID } from './synth';

const valid = (extra: BookingStackConfigInput = {}): BookingStackConfigInput => ({
  microsoftClientId: TEST_CLIENT_ID,
  ...extra,
});

describe('Function: resolveConfig (rejections)', () => {
  it.each<[string, BookingStackConfigInput, RegExp]>([
    ['a missing client id', {}, /Missing CDK context "microsoftClientId".*-c microsoftClientId=/s],
    [
      'a client id that is not a GUID',
      { microsoftClientId: 'my-app' },
      /"microsoftClientId": expected a GUID, got "my-app"/,
    ],
    [
      'a malformed tenant',
      { ...valid(), microsoftTenantId: 'not a tenant!' },
      /"microsoftTenantId": expected common, organizations/,
    ],
    [
      'a time zone that is not IANA',
      valid({ defaultTimeZone: 'Mars/Olympus' }),
      /"defaultTimeZone": DEFAULT_TIME_ZONE must be an IANA time zone such as America\/New_York, got "Mars\/Olympus"/,
    ],
    [
      'working hours that do not parse',
      valid({ defaultWorkingHours: 'weekdays 9-5' }),
      /"defaultWorkingHours": DEFAULT_WORKING_HOURS must look like "mon-fri 09:00-17:00/,
    ],
    [
      'working hours that end before they start',
      valid({ defaultWorkingHours: 'mon-fri 17:00-09:00' }),
      /"defaultWorkingHours"/,
    ],
    [
      'a slot length out of range',
      valid({ slotMinutes: '1' }),
      /"slotMinutes": SLOT_MINUTES must be an integer from 5 to 480, got "1"/,
    ],
    ['a non-integer horizon', valid({ horizonDays: 'soon' }), /"horizonDays": HORIZON_DAYS must be an integer/],
    ['routes that are not JSON', valid({ vapiRoutes: 'phone-1=manager-1' }), /"vapiRoutes": expected a JSON object/],
    [
      'routes with a non-string manager',
      valid({ vapiRoutes: '{"phone-1": 7}' }),
      /"vapiRoutes": VAPI_ROUTES must be a JSON object/,
    ],
    [
      'routes to an unsafe manager id',
      valid({ vapiRoutes: { 'phone-1': 'a b' } }),
      /"vapiRoutes": VAPI_ROUTES must hold manager ids of 1-128 letters, digits and . _ @ \+ -, got "a b"/,
    ],
    [
      'an unsafe default manager id',
      valid({ defaultManagerId: '../admin' }),
      /"defaultManagerId": DEFAULT_MANAGER_ID must hold manager ids .*, got "..\/admin"/,
    ],
    [
      'tentativeBlocks other than true/false',
      valid({ tentativeBlocks: 'maybe' }),
      /"tentativeBlocks": TENTATIVE_BLOCKS must be true or false, got "maybe"/,
    ],
    [
      'a retention CloudWatch does not offer',
      valid({ logRetentionDays: '10' }),
      /"logRetentionDays": expected a CloudWatch retention/,
    ],
  ])('rejects %s with a message naming the context key', (_case, input, message) => {
    // Act
    const act = (): unknown => resolveConfig(input);

    // Assess
    expect(act).toThrow(StackConfigError);
    expect(act).toThrow(message);
  });
});

describe('Function: resolveConfig (several problems)', () => {
  it('reports every bad context key at once, one line each', () => {
    // Prepare
    const input = valid({
      microsoftTenantId: 'not a tenant!',
      slotMinutes: 'ten',
      defaultTimeZone: 'Mars/Base',
      vapiRoutes: '{bad',
      logRetentionDays: '10',
    });

    // Act
    let problems: string[] = [];
    try {
      resolveConfig(input);
    } catch (error) {
      problems = (error as StackConfigError).problems;
    }

    // Assess
    expect(problems.map((line) => /^[^"]*"(\w+)"/.exec(line)?.[1]).sort()).toEqual([
      'defaultTimeZone',
      'logRetentionDays',
      'microsoftTenantId',
      'slotMinutes',
      'vapiRoutes',
    ]);
  });
});

describe('Function: resolveConfig (accepted values)', () => {
  it('defaults the tenant to common, retention to 30 days and sets no booking variables', () => {
    // Act
    const config = resolveConfig(valid());

    // Assess
    expect(config).toEqual({
      microsoft: { clientId: TEST_CLIENT_ID, tenantId: 'common' },
      logRetention: 30,
      bookingEnv: {},
      keeper: { scheduleExpression: 'rate(1 hour)', env: {}, timeoutSeconds: 270 },
      abuse: { vapiSources: { ipv4: [], ipv6: [] } },
    });
  });

  it('accepts the CI placeholder client id and a tenant domain', () => {
    // Act
    const config = resolveConfig({
      microsoftClientId: '00000000-0000-0000-0000-000000000000',
      microsoftTenantId: 'contoso.onmicrosoft.com',
    });

    // Assess
    expect(config.microsoft?.tenantId).toBe('contoso.onmicrosoft.com');
  });

  it('offers Google alone, or beside Microsoft, from a well-formed googleClientId', () => {
    // Act
    const googleOnly = resolveConfig({ googleClientId: '123456789012-abcdef123456.apps.googleusercontent.com' });
    const both = resolveConfig({
      microsoftClientId: TEST_CLIENT_ID,
      googleClientId: '123456789012-abcdef123456.apps.googleusercontent.com',
    });

    // Assess
    expect(googleOnly.microsoft).toBeUndefined();
    expect(googleOnly.google?.clientId).toBe('123456789012-abcdef123456.apps.googleusercontent.com');
    expect(both.microsoft?.clientId).toBe(TEST_CLIENT_ID);
    expect(both.google).toBeDefined();
  });

  it('names microsoftTenantId given without microsoftClientId (a tenant alone configures nothing)', () => {
    // Act
    const act = () =>
      resolveConfig({ googleClientId: '1-abc.apps.googleusercontent.com', microsoftTenantId: 'contoso.example' });

    // Assess
    expect(act).toThrow(/Invalid CDK context "microsoftTenantId": it is set without microsoftClientId/);
  });

  it('names googleClientId when it is not a Google OAuth client id', () => {
    // Act
    const act = () => resolveConfig({ microsoftClientId: TEST_CLIENT_ID, googleClientId: 'my-google-app' });

    // Assess
    expect(act).toThrow(/Invalid CDK context "googleClientId": expected a Google OAuth client ID/);
  });

  it('serializes routes given as an object and as a JSON string identically', () => {
    // Act
    const fromObject = resolveConfig(valid({ vapiRoutes: { 'phone-1': 'manager-1' } }));
    const fromString = resolveConfig(valid({ vapiRoutes: '{"phone-1":"manager-1"}' }));

    // Assess
    expect(fromObject.bookingEnv.VAPI_ROUTES).toBe('{"phone-1":"manager-1"}');
    expect(fromString.bookingEnv).toEqual(fromObject.bookingEnv);
  });
});

describe('Function: configFromContext', () => {
  it('reads string values given with -c and typed values from cdk.json', () => {
    // Prepare
    const app = new App({
      context: {
        microsoftClientId: TEST_CLIENT_ID,
        slotMinutes: '45',
        horizonDays: 30,
        vapiRoutes: { a: 'm' },
        unrelated: 'x',
      },
    });

    // Act
    const input = configFromContext(app.node);

    // Assess
    expect(input).toEqual({
      microsoftClientId: TEST_CLIENT_ID,
      slotMinutes: '45',
      horizonDays: 30,
      vapiRoutes: { a: 'm' },
    });
  });
});
