/**
 * The AWS WAF web ACL in front of the API (CLOUDFRONT scope, so it lives in us-east-1: lib/edge-stack.ts): per-address
 * rate rules sized in lib/traffic.ts, Amazon's IP reputation list, and, when VAPI's addresses are configured, an
 * allow-list that keeps every other address off the webhook. Blocked requests are logged, secrets redacted.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnIPSet, CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { AbuseConfig } from './abuse-config';
import { BROWSER_PATH_PREFIX, BROWSER_PER_IP_LIMIT, RATE_WINDOW_SECONDS, WEBHOOK_PER_IP_LIMIT } from './traffic';

/** Rule names, also their CloudWatch metric names (WAF's console and the tests find the rules by them). */
export const WAF_RULES = {
  vapiOnly: 'WebhookFromVapiOnly',
  ipReputation: 'AmazonIpReputationList',
  browserPerIp: 'BrowserPerIp',
  webhookPerIp: 'WebhookPerIp',
} as const;

/** Headers whose values never reach the WAF logs: VAPI's secret or bearer token, the admin token, the cookies. */
export const REDACTED_HEADERS = ['authorization', 'x-vapi-secret', 'cookie'] as const;

export interface EdgeWebAclProps {
  abuse: AbuseConfig;
  logRetention: RetentionDays;
}

type Statement = CfnWebACL.StatementProperty;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * Requests to a browser or operator path. URL-decoded and normalized first, so `/calendar/../vapi/webhook` or
 * `%2Fvapi…` does not pass for one; anything not under the prefix is treated as the webhook.
 */
const BROWSER_PATH: Statement = {
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: BROWSER_PATH_PREFIX,
    textTransformations: [
      { priority: 0, type: 'URL_DECODE' },
      { priority: 1, type: 'NORMALIZE_PATH' },
    ],
  },
};
const NOT_BROWSER_PATH: Statement = { notStatement: { statement: BROWSER_PATH } };

const perIp = (limit: number, scopeDownStatement: Statement): Statement => ({
  rateBasedStatement: { aggregateKeyType: 'IP', limit, evaluationWindowSec: RATE_WINDOW_SECONDS, scopeDownStatement },
});

/** The web ACL and its logging; `webAcl.attrArn` goes on the CloudFront distribution. */
export class EdgeWebAcl extends Construct {
  readonly webAcl: CfnWebACL;
  /** Blocked requests only (WAF logs must go to a group named aws-waf-logs-…). */
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const sources = this.vapiSources(props.abuse);
    const fromVapi: Statement | undefined = sources.length > 1 ? { orStatement: { statements: sources } } : sources[0];
    const rules: CfnWebACL.RuleProperty[] = [];
    const rule = (name: string, statement: Statement, action: 'block' | 'managed'): void => {
      rules.push({
        name,
        priority: rules.length,
        statement,
        visibilityConfig: visibility(name),
        ...(action === 'block' ? { action: { block: {} } } : { overrideAction: { none: {} } }),
      });
    };
    if (fromVapi) {
      // With VAPI's addresses known, nothing else reaches the webhook (or any path outside the browser's).
      rule(
        WAF_RULES.vapiOnly,
        { andStatement: { statements: [NOT_BROWSER_PATH, { notStatement: { statement: fromVapi } }] } },
        'block',
      );
    }
    // Amazon's threat-intelligence list (bots, scanners, DDoS sources): 25 WCU, no subscription fee. Not the common
    // rule set: its 8 KB body limit would block VAPI's larger webhook bodies. Never applied to VAPI's own addresses.
    rule(
      WAF_RULES.ipReputation,
      {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: 'AWSManagedRulesAmazonIpReputationList',
          ...(fromVapi ? { scopeDownStatement: { notStatement: { statement: fromVapi } } } : {}),
        },
      },
      'managed',
    );
    rule(WAF_RULES.browserPerIp, perIp(BROWSER_PER_IP_LIMIT, BROWSER_PATH), 'block');
    // With the allow-list, VAPI's addresses are the only ones left on the webhook, and are not rate-limited.
    if (!fromVapi) rule(WAF_RULES.webhookPerIp, perIp(WEBHOOK_PER_IP_LIMIT, NOT_BROWSER_PATH), 'block');

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${stackName}-api`,
      description: 'Per-address rate limits and the VAPI allow-list in front of the booking API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${stackName}-api`),
      rules,
    });

    this.logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${stackName}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` that LogGroup.logGroupArn ends with.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // The callback's query string carries the OAuth code and state.
      redactedFields: [...REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })), { queryString: {} }],
      // Only what was blocked: who was refused and by which rule, at a fraction of logging every request.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          { Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }] },
        ],
      },
    });
  }

  /** One IP set per address family VAPI uses (WAF sets hold one family), as statements matching the source. */
  private vapiSources(abuse: AbuseConfig): Statement[] {
    const families = [
      ['IPV4', abuse.vapiSources.ipv4],
      ['IPV6', abuse.vapiSources.ipv6],
    ] as const;
    return families
      .filter(([, addresses]) => addresses.length > 0)
      .map(([version, addresses]) => {
        const set = new CfnIPSet(this, `VapiSources${version}`, {
          name: `${Stack.of(this).stackName}-vapi-${version.toLowerCase()}`,
          description: 'VAPI source addresses from context vapiSourceCidrs',
          scope: 'CLOUDFRONT',
          ipAddressVersion: version,
          addresses: [...addresses],
        });
        return { ipSetReferenceStatement: { arn: set.attrArn } };
      });
  }
}
