/** The public HTTP API: the routes of functions/contract/routes.ts, JSON access logs without secrets, throttling. */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  type HttpRoute,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, ROUTE_SPECS, type RouteSpec } from '../functions/contract/routes';
import { OPEN_ROUTE_REASONS } from './route-reasons';
import { BROWSER_ROUTE_THROTTLE, WEBHOOK_THROTTLE } from './traffic';

/**
 * The stage's default route throttle, which only the webhook uses (every other route has its own): VAPI's load plus
 * what one address may send past the WAF; sized in lib/traffic.ts with the reasons.
 */
export const DEFAULT_THROTTLE = WEBHOOK_THROTTLE;

/** The browser and operator routes' own throttle: a handful of human clicks per connect (lib/traffic.ts). */
export const AUTH_ROUTE_THROTTLE = BROWSER_ROUTE_THROTTLE;

/** The functions whose routes get AUTH_ROUTE_THROTTLE: every route but the webhook's (VAPI calls in bursts). */
const TIGHT_FUNCTIONS: readonly FunctionName[] = ['authStart', 'authCallback', 'status'];

/** The route key API Gateway uses ("GET /calendar/auth/start"), also the key of stage route settings. */
export const routeKey = (spec: RouteSpec): string => `${spec.method} ${spec.path}`;

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
  handlers: Record<FunctionName, IFunction>;
  logRetention: RetentionDays;
  /** The routes to serve; ROUTE_SPECS unless a test gives others. */
  routes?: readonly RouteSpec[];
  /** Put on every route: the front door's origin check (lib/origin-verify.ts). */
  authorizer?: IHttpRouteAuthorizer;
}

/** HTTP API with a $default stage (no $default route): anything but the listed routes gets API Gateway's 404. */
export class PublicApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Each route by its route key ("POST /vapi/webhook"). */
  readonly routes: Record<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    const specs = props.routes ?? ROUTE_SPECS;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      description: 'Calendar connect, operator admin and VAPI booking webhook',
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
    this.routes = Object.fromEntries(
      specs.map((spec) => [routeKey(spec), this.route(spec, props.handlers[spec.function], props.authorizer)]),
    );

    const tight = specs.filter((spec) => TIGHT_FUNCTIONS.includes(spec.function));
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(tight.map((spec) => [routeKey(spec), AUTH_ROUTE_THROTTLE]));
    // Route settings name route keys, so the stage must be created after those routes exist.
    for (const spec of tight) cfnStage.node.addDependency(this.routes[routeKey(spec)]!);
  }

  /** One route with its own integration (each integration scopes the Lambda permission to its route's path). */
  private route(spec: RouteSpec, handler: IFunction, authorizer?: IHttpRouteAuthorizer): HttpRoute {
    const reason = OPEN_ROUTE_REASONS[routeKey(spec)];
    // A new route must say how it is protected before it can be deployed.
    if (!reason) throw new Error(`lib/route-reasons.ts: no reason for route ${routeKey(spec)}`);
    const [route] = this.httpApi.addRoutes({
      path: spec.path,
      methods: [HttpMethod[spec.method]],
      // Created under the route, so the id only needs to be unique per route; kept as it was for the first four.
      integration: new HttpLambdaIntegration(`${spec.function}Integration`, handler),
      ...(authorizer ? { authorizer } : {}),
    });
    Validations.of(route!).acknowledge({ id: 'AwsSolutions-APIG4', reason });
    return route!;
  }
}
