import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS, AUTH_ROUTE_THROTTLE, DEFAULT_THROTTLE } from '../../lib/api';
import { logicalId, resourcesOf, synthStack } from './synth';

describe('Stack: public HTTP API (default configuration)', () => {
  const { template } = synthStack();
  const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
  const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!;

  it('exposes exactly the four routes and no $default catch-all', () => {
    // Prepare
    const keys = Object.values(routes)
      .map((r) => r.Properties!.RouteKey)
      .sort();

    // Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 4);
    expect(keys).toEqual([
      'GET /calendar/auth/callback',
      'GET /calendar/auth/start',
      'GET /calendar/auth/status',
      'POST /vapi/webhook',
    ]);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      Target: Match.absent(),
      RouteKey: Match.absent(),
    });
  });

  it.each([
    ['GET /calendar/auth/start', 'FunctionsAuthStart'],
    ['GET /calendar/auth/callback', 'FunctionsAuthCallback'],
    ['GET /calendar/auth/status', 'FunctionsStatus'],
    ['POST /vapi/webhook', 'FunctionsVapiWebhook'],
  ])('routes %s to its own function through a Lambda proxy integration', (routeKey, fnPrefix) => {
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
  });

  it('lets API Gateway invoke each function only for its own route', () => {
    // Prepare
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    const sourceArns = permissions.map((p) => JSON.stringify(p.Properties!.SourceArn));

    // Assess
    expect(permissions).toHaveLength(4);
    for (const p of permissions)
      expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
    for (const path of ['/calendar/auth/start', '/calendar/auth/callback', '/calendar/auth/status', '/vapi/webhook']) {
      expect(sourceArns.filter((arn) => arn.includes(`${path}"`))).toHaveLength(1);
    }
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

  it('throttles every route by default and the browser/operator routes tighter', () => {
    // Assess
    expect(stage.Properties!.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
      ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
    });
    expect(stage.Properties!.RouteSettings).toEqual({
      'GET /calendar/auth/start': AUTH_ROUTE_THROTTLE,
      'GET /calendar/auth/callback': AUTH_ROUTE_THROTTLE,
      'GET /calendar/auth/status': AUTH_ROUTE_THROTTLE,
    });
    expect(AUTH_ROUTE_THROTTLE.ThrottlingRateLimit).toBeLessThan(DEFAULT_THROTTLE.rateLimit);
  });

  it('creates the stage after the routes its route settings name', () => {
    // Prepare
    const stageResource =
      template.toJSON().Resources[logicalId(template, 'AWS::ApiGatewayV2::Stage', 'ApiDefaultStage')];
    const authRouteIds = Object.entries(routes)
      .filter(([, r]) => r.Properties!.RouteKey.startsWith('GET '))
      .map(([id]) => id);

    // Assess
    expect(stageResource.DependsOn).toEqual(expect.arrayContaining(authRouteIds));
  });

  it('publishes the URLs to register with VAPI and Entra', () => {
    // Prepare
    const endpoint = { 'Fn::GetAtt': [logicalId(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi'), 'ApiEndpoint'] };

    // Assess
    template.hasOutput('ApiUrl', { Value: endpoint });
    template.hasOutput('WebhookUrl', { Value: { 'Fn::Join': ['', [endpoint, '/vapi/webhook']] } });
    template.hasOutput('CallbackUrl', { Value: { 'Fn::Join': ['', [endpoint, '/calendar/auth/callback']] } });
  });
});
