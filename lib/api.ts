/** The public HTTP API: exactly four routes, JSON access logs without secrets, and throttling. */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The route paths (the webhook URL and the Entra redirect URI are built from these). */
export const ROUTES = {
  authStart: { method: HttpMethod.GET, path: '/calendar/auth/start' },
  authCallback: { method: HttpMethod.GET, path: '/calendar/auth/callback' },
  status: { method: HttpMethod.GET, path: '/calendar/auth/status' },
  vapiWebhook: { method: HttpMethod.POST, path: '/vapi/webhook' },
} as const;

export type RouteName = keyof typeof ROUTES;

/** Stage-wide limit: generous for VAPI tool calls, low enough to cap the bill and downstream quotas under abuse. */
export const DEFAULT_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

/** The browser routes see a handful of human clicks per connect; anything faster is abuse. */
export const AUTH_ROUTE_THROTTLE = { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 } as const;

/** Why each route has no API Gateway authorizer (cdk-nag APIG4); the check lives in the handler. */
const OPEN_ROUTE_REASONS: Record<RouteName, string> = {
  authStart:
    'Reached from an invite link (npm run invite), before any session exists: authorized by the signed, expiring invite token (HMAC) verified in the handler.',
  authCallback:
    'Public by protocol (the browser returns from Microsoft): protected by the single-use state, PKCE S256 and the __Host- binding cookie checked in the handler.',
  status:
    'Operator route: the handler requires the admin bearer token (constant-time compare with the admin-token secret).',
  vapiWebhook:
    'Authenticated by the shared secret VAPI sends, verified in the handler after the body-size cap; HTTP API authorizers cannot see the body and VAPI cannot sign with SigV4 or JWT.',
};

/**
 * API Gateway access log format. Deliberately no $context.path-with-query, no headers and no authorizer fields:
 * the callback's query string carries the OAuth code and state, and the webhook's headers carry the VAPI secret.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  error: '$context.error.message',
} as const;

export interface PublicApiProps {
  handlers: Record<RouteName, IFunction>;
  logRetention: RetentionDays;
}

/** HTTP API with a $default stage (no $default route): anything but the four routes gets API Gateway's 404. */
export class PublicApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly routes: Record<RouteName, HttpRoute>;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      description: 'Calendar connect and VAPI booking webhook',
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    const entries = (Object.keys(ROUTES) as RouteName[]).map(
      (name) => [name, this.route(name, props.handlers[name])] as const,
    );
    this.routes = Object.fromEntries(entries) as Record<RouteName, HttpRoute>;

    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const authRoutes: RouteName[] = ['authStart', 'authCallback', 'status'];
    cfnStage.routeSettings = Object.fromEntries(
      authRoutes.map((name) => [`${ROUTES[name].method} ${ROUTES[name].path}`, AUTH_ROUTE_THROTTLE]),
    );
    // Route settings name route keys, so the stage must be created after those routes exist.
    for (const name of authRoutes) cfnStage.node.addDependency(this.routes[name]);
  }

  private route(name: RouteName, handler: IFunction): HttpRoute {
    const { method, path } = ROUTES[name];
    const [route] = this.httpApi.addRoutes({
      path,
      methods: [method],
      integration: new HttpLambdaIntegration(`${name}Integration`, handler),
    });
    Validations.of(route!).acknowledge({ id: 'AwsSolutions-APIG4', reason: OPEN_ROUTE_REASONS[name] });
    return route!;
  }
}
