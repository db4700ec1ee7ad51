import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AUTH_ROUTE_THROTTLE, DEFAULT_THROTTLE } from '../../lib/api';
import { VAPI_LOAD, WEBHOOK_THROTTLE } from '../../lib/traffic';
import { lambda, logicalId, resourcesOf, roleStatements, synthStack } from './synth';

/** CloudFront's managed policies, by the ids CloudFormation uses. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('Stack: CloudFront front door (default configuration)', () => {
  const { stack, template } = synthStack();
  const config = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties!
    .DistributionConfig;

  it('carries the web ACL of the edge stack (a cross-region reference to its ARN, no helper resource)', () => {
    // Prepare
    const edge = Template.fromStack(stack.edge);
    const aclId = logicalId(edge, 'AWS::WAFv2::WebACL', 'Waf');
    const { StackName, Region, OutputName } = config.WebACLId['Fn::GetStackOutput'];
    const outputs = edge.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess: CloudFormation reads the edge stack's output (Fn::GetStackOutput), whose value is the ACL's ARN.
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect([StackName, Region]).toEqual([stack.edge.stackName, 'us-east-1']);
    expect(outputs[OutputName]!.Value).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('sends everything to the HTTP API over TLS 1.2, uncached, with every viewer header but Host', () => {
    // Prepare
    const endpoint = { 'Fn::GetAtt': [logicalId(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi'), 'ApiEndpoint'] };
    const [origin] = config.Origins;

    // Assess
    expect(config.Origins).toHaveLength(1);
    expect(origin.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', endpoint] }] });
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
      OriginReadTimeout: 30,
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    expect(config.CacheBehaviors).toBeUndefined();
  });
});

describe('Stack: throttles sized from the expected load', () => {
  const { template } = synthStack();
  const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!.Properties!;

  it("gives the webhook twice VAPI's load: VAPI's own plus one address at the WAF's per-address cap", () => {
    // Assess
    expect(DEFAULT_THROTTLE).toBe(WEBHOOK_THROTTLE);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(WEBHOOK_THROTTLE.rateLimit).toBe(2 * VAPI_LOAD.ratePerSecond);
    expect(WEBHOOK_THROTTLE.burstLimit).toBe(2 * VAPI_LOAD.burst);
    expect(stage.RouteSettings['POST /vapi/webhook']).toBeUndefined();
  });

  it('gives each browser and operator route 1 request a second with bursts of 5', () => {
    // Assess
    expect(AUTH_ROUTE_THROTTLE).toEqual({ ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 });
    expect(stage.RouteSettings['GET /calendar/auth/start']).toEqual(AUTH_ROUTE_THROTTLE);
  });
});

describe('Stack: reserved concurrency', () => {
  const reservedOf = (input: Parameters<typeof synthStack>[0]) => {
    const { template } = synthStack(input);
    const of = (name: string): unknown => lambda(template, name).Properties!.ReservedConcurrentExecutions;
    const keeper = lambda(template, '', 'KeeperFunction').Properties!.ReservedConcurrentExecutions;
    const authorizer = lambda(template, '', 'OriginVerifyFunction').Properties!.ReservedConcurrentExecutions;
    const others = [...['AuthStart', 'AuthCallback', 'Status'].map(of), keeper];
    return { webhook: of('VapiWebhook'), others, authorizer };
  };

  it('reserves nothing by default (a new account with a quota of 10 could not deploy a reservation)', () => {
    // Act
    const reserved = reservedOf({});

    // Assess
    expect(reserved).toEqual({
      webhook: undefined,
      others: [undefined, undefined, undefined, undefined],
      authorizer: undefined,
    });
  });

  it('reserves the webhook its executions and caps each other function but the authorizer, from context', () => {
    // Act
    const reserved = reservedOf({ webhookReservedConcurrency: '50', otherFunctionsReservedConcurrency: 5 });

    // Assess
    // The authorizer guards the webhook too: capped, a flood of forged headers could starve VAPI's authorizations.
    expect(reserved).toEqual({ webhook: 50, others: [5, 5, 5, 5], authorizer: undefined });
  });

  it('can reserve for the webhook alone', () => {
    // Act
    const reserved = reservedOf({ webhookReservedConcurrency: 20 });

    // Assess
    expect(reserved).toEqual({
      webhook: 20,
      others: [undefined, undefined, undefined, undefined],
      authorizer: undefined,
    });
  });
});

describe('Stack: origin verification (calls around CloudFront reach no function)', () => {
  const { template } = synthStack();
  const origin = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!.Properties!
    .DistributionConfig.Origins[0];
  const secretId = logicalId(template, 'AWS::SecretsManager::Secret', 'OriginVerifySecret');
  const authorizers = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer');
  const [authorizerId] = Object.keys(authorizers);
  const fnId = logicalId(template, 'AWS::Lambda::Function', 'OriginVerifyFunction');

  it('has CloudFront add the generated secret (a deploy-time reference, not the value) to origin requests', () => {
    // Prepare
    const secret = resourcesOf(template, 'AWS::SecretsManager::Secret')[secretId]!.Properties!;

    // Assess
    expect(secret).toMatchObject({
      Name: 'TestBooking/origin-verify',
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 48 },
    });
    expect(origin.OriginCustomHeaders).toEqual([
      {
        HeaderName: 'x-origin-verify',
        HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] },
      },
    ]);
  });

  it('puts a cached Lambda authorizer on the header in front of every route', () => {
    // Prepare
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));

    // Assess
    expect(Object.keys(authorizers)).toHaveLength(1);
    expect(authorizers[authorizerId!]!.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-origin-verify'],
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(JSON.stringify(authorizers[authorizerId!]!.Properties!.AuthorizerUri)).toContain(fnId);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it("lets API Gateway invoke the authorizer only as this API's authorizer, which reads only its own secret", () => {
    // Prepare
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
      (p) => JSON.stringify(p.Properties!.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
    );
    const statements = roleStatements(template, '', 'OriginVerifyFunctionRoleDefaultPolicy');

    // Assess
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0]!.Properties!.SourceArn)).toContain('/authorizers/');
    expect(statements.filter((s) => s.Action === 'secretsmanager:GetSecretValue')).toEqual([
      expect.objectContaining({ Resource: { Ref: secretId } }),
    ]);
    expect(lambda(template, '', 'OriginVerifyFunction').Properties!.Environment.Variables).toMatchObject({
      ORIGIN_VERIFY_SECRET_ARN: { Ref: secretId },
    });
  });
});
