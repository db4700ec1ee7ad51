import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS, AUTH_ROUTE_THROTTLE, DEFAULT_THROTTLE } from '../../lib/api';
import { ROUTE_SPECS } from '../../functions/contract/routes';
import { logicalId, publicUrl, resourcesOf, synthStack } from './synth';

/** Every route key of the API. */
const ROUTE_KEYS = [
  'DELETE /calendar/admin/{proxy+}',
  'GET /calendar/admin/{proxy+}',
  'GET /calendar/auth/callback',
  'GET /calendar/auth/result',
  'GET /calendar/auth/start',
  'GET /calendar/auth/status',
  'POST /calendar/auth/manage',
  'POST /calendar/auth/start',
  'POST /vapi/webhook',
  'PUT /calendar/admin/{proxy+}',
];

const FUNCTION_PREFIX = {
  authStart: 'FunctionsAuthStart',
  authCallback: 'FunctionsAuthCallback',
  status: 'FunctionsStatus',
  vapiWebhook: 'FunctionsVapiWebhook',
} as const;

describe('Stack: public HTTP API (default configuration)', () => {
  const { template } = synthStack();
  const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
  const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!;

  it('exposes exactly the routes of functions/contract/routes.ts and no $default catch-all', () => {
    // Prepare
    const keys = Object.values(routes)
      .map((r) => r.Properties!.RouteKey)
      .sort();

    // Assess: spelled out (not only derived) so a new route shows up in review.
    expect(keys).toEqual(ROUTE_KEYS);
    expect(keys).toEqual(ROUTE_SPECS.map((spec) => `${spec.method} ${spec.path}`).sort());
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      Target: Match.absent(),
      RouteKey: Match.absent(),
    });
  });

  it.each(ROUTE_SPECS.map((spec) => [`${spec.method} ${spec.path}`, FUNCTION_PREFIX[spec.function]] as const))(
    'routes %s to its function through a Lambda proxy integration',
    (routeKey, fnPrefix) => {
      // Prepare
      const route = Object.values(routes).find((r) => r.Properties!.RouteKey === routeKey)!;
      const integrationId = (route.Properties!.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const integration = resourcesOf(template, 'AWS::ApiGatewayV2::Integration')[integrationId]!;
      const fnId = logicalId(template, 'AWS::Lambda::Function', fnPrefix);

      // Assess
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
      });
    },
  );

  it('gives every route its own integration', () => {
    // Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', ROUTE_KEYS.length);
  });

  it("lets API Gateway invoke each function only for its own routes' paths", () => {
    // Prepare
    // The origin-verify authorizer's own permission is asserted in front-door.test.ts.
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (p) => !JSON.stringify(p.Properties!.SourceArn).includes('/authorizers/'),
    );
    const pathOf = (p: (typeof permissions)[number]): string =>
      (JSON.stringify(p.Properties!.SourceArn).match(/"\/\*\/\*(\/[^"]*)"/) ?? [])[1] ?? '';

    // Assess: one permission per route, for its function and any method on its path (CDK's scoping).
    expect(permissions).toHaveLength(ROUTE_KEYS.length);
    for (const p of permissions)
      expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
    for (const spec of ROUTE_SPECS) {
      const fnId = logicalId(template, 'AWS::Lambda::Function', FUNCTION_PREFIX[spec.function]);
      const own = permissions.filter((p) => pathOf(p) === spec.path);
      expect(own.length).toBeGreaterThan(0);
      for (const p of own) expect(p.Properties!.FunctionName).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
    expect(permissions.filter((p) => !ROUTE_SPECS.some((spec) => spec.path === pathOf(p)))).toEqual([]);
  });

  it('serves everything from one auto-deployed $default stage', () => {
    // Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
  });

  it('writes JSON access logs to a log group with retention', () => {
    // Prepare
    const settings = stage.Properties!.AccessLogSettings;
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0];

    // Assess
    expect(JSON.parse(settings.Format)).toEqual(ACCESS_LOG_FIELDS);
    expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]!.Properties).toEqual({ RetentionInDays: 30 });
  });

  it('keeps query strings, headers and authorizer data out of the access logs', () => {
    // Prepare
    const format: string = stage.Properties!.AccessLogSettings.Format;

    // Assess: the callback query carries code/state; headers carry the VAPI secret and the admin token.
    expect(format).not.toMatch(
      /querystring|rawQueryString|\$context\.path|\$request|header|authorizer|\$context\.authorizer|authorization/i,
    );
  });

  it('throttles every route by default and the browser/operator routes tighter (all but the webhook)', () => {
    // Assess
    expect(stage.Properties!.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
      ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
    });
    expect(stage.Properties!.RouteSettings).toEqual(
      Object.fromEntries(ROUTE_KEYS.filter((k) => k !== 'POST /vapi/webhook').map((k) => [k, AUTH_ROUTE_THROTTLE])),
    );
    expect(AUTH_ROUTE_THROTTLE.ThrottlingRateLimit).toBeLessThan(DEFAULT_THROTTLE.rateLimit);
  });

  it('creates the stage after the routes its route settings name', () => {
    // Prepare
    const stageResource =
      template.toJSON().Resources[logicalId(template, 'AWS::ApiGatewayV2::Stage', 'ApiDefaultStage')];
    const tightRouteIds = Object.entries(routes)
      .filter(([, r]) => r.Properties!.RouteKey !== 'POST /vapi/webhook')
      .map(([id]) => id);

    // Assess
    expect(tightRouteIds).toHaveLength(ROUTE_KEYS.length - 1);
    expect(stageResource.DependsOn).toEqual(expect.arrayContaining(tightRouteIds));
  });

  it("publishes the URLs to register with VAPI and Entra: the front door's, never the API's own endpoint", () => {
    // Assess
    template.hasOutput('ApiUrl', { Value: publicUrl(template) });
    template.hasOutput('WebhookUrl', { Value: publicUrl(template, '/vapi/webhook') });
    template.hasOutput('CallbackUrl', { Value: publicUrl(template, '/calendar/auth/callback') });
    expect(JSON.stringify(template.toJSON().Outputs)).not.toContain('ApiEndpoint');
  });
});
