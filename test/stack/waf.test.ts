import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { nagPacks } from '../../lib/nag';
import { BROWSER_PER_IP_LIMIT, RATE_WINDOW_SECONDS, VAPI_LOAD, WEBHOOK_PER_IP_LIMIT } from '../../lib/traffic';
import { REDACTED_HEADERS, WAF_RULES } from '../../lib/waf';
import { logicalId, resourcesOf, synthStack } from './synth';

const BROWSER_PATH = {
  ByteMatchStatement: {
    FieldToMatch: { UriPath: {} },
    PositionalConstraint: 'STARTS_WITH',
    SearchString: '/calendar/',
    TextTransformations: [
      { Priority: 0, Type: 'URL_DECODE' },
      { Priority: 1, Type: 'NORMALIZE_PATH' },
    ],
  },
};
const NOT_BROWSER_PATH = { NotStatement: { Statement: BROWSER_PATH } };

type Rule = { Name: string; Priority: number; Statement: Record<string, any>; Action?: unknown };

/** The edge stack's template and its web ACL's rules by name. */
function edgeOf(input: Parameters<typeof synthStack>[0] = {}) {
  const { stack } = synthStack(input);
  const template = Template.fromStack(stack.edge);
  const acl = Object.values(resourcesOf(template, 'AWS::WAFv2::WebACL'))[0]!.Properties!;
  const rules = Object.fromEntries((acl.Rules as Rule[]).map((rule) => [rule.Name, rule]));
  return { stack, template, acl, rules };
}

describe('Stack: WAF web ACL (default configuration)', () => {
  const { stack, template, acl, rules } = edgeOf();

  it('lives in us-east-1 with CLOUDFRONT scope, allowing what no rule blocks', () => {
    // Assess
    expect(stack.edge.region).toBe('us-east-1');
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('blocks an address sending more than 20 requests a minute to the browser and operator paths', () => {
    // Assess
    expect(rules[WAF_RULES.browserPerIp]).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 20,
          EvaluationWindowSec: 60,
          ScopeDownStatement: BROWSER_PATH,
        },
      },
    });
    expect(BROWSER_PER_IP_LIMIT).toBeGreaterThanOrEqual(10);
  });

  it("blocks an address sending the webhook more than VAPI's whole peak rate (every other path counts as it)", () => {
    // Assess
    expect(rules[WAF_RULES.webhookPerIp]).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'IP',
          Limit: 1500,
          EvaluationWindowSec: 60,
          ScopeDownStatement: NOT_BROWSER_PATH,
        },
      },
    });
    expect(WEBHOOK_PER_IP_LIMIT).toBe(VAPI_LOAD.ratePerSecond * RATE_WINDOW_SECONDS);
  });

  it("applies Amazon's IP reputation list and no other managed rule group", () => {
    // Prepare
    const managed = Object.values(rules).filter((rule) => rule.Statement.ManagedRuleGroupStatement);

    // Assess
    expect(managed.map((rule) => rule.Statement.ManagedRuleGroupStatement)).toEqual([
      { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' },
    ]);
    expect(managed[0]).toMatchObject({ OverrideAction: { None: {} } });
  });

  it('has no allow-list without vapiSourceCidrs', () => {
    // Assess
    expect(rules[WAF_RULES.vapiOnly]).toBeUndefined();
    template.resourceCountIs('AWS::WAFv2::IPSet', 0);
  });

  it('logs only blocked requests, to an aws-waf-logs- group with retention, with secrets and queries redacted', () => {
    // Prepare
    const logging = Object.values(resourcesOf(template, 'AWS::WAFv2::LoggingConfiguration'))[0]!.Properties!;
    const group = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))[0]!.Properties!;

    // Assess
    expect(logging.ResourceArn).toEqual({ 'Fn::GetAtt': [logicalId(template, 'AWS::WAFv2::WebACL', 'Waf'), 'Arn'] });
    expect(group).toEqual({ LogGroupName: 'aws-waf-logs-TestBookingEdge', RetentionInDays: 30 });
    // WAF takes the group's ARN without the `:*` CDK's logGroupArn ends with.
    expect(logging.LogDestinationConfigs).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'arn:aws:logs:us-east-1:',
            { Ref: 'AWS::AccountId' },
            ':log-group:',
            { Ref: logicalId(template, 'AWS::Logs::LogGroup', 'WafLogs') },
          ],
        ],
      },
    ]);
    expect(logging.RedactedFields).toEqual([
      ...REDACTED_HEADERS.map((name) => ({ SingleHeader: { Name: name } })),
      { QueryString: {} },
    ]);
    expect(REDACTED_HEADERS).toEqual(expect.arrayContaining(['authorization', 'x-vapi-secret']));
    expect(logging.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [{ Behavior: 'KEEP', Requirement: 'MEETS_ANY', Conditions: [{ ActionCondition: { Action: 'BLOCK' } }] }],
    });
  });

  it.each(nagPacks().map((pack) => [pack.name, pack] as const))('%s reports nothing on the edge stack', (_n, pack) => {
    // Act
    const report = pack.validateScope(stack.edge);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('Stack: WAF web ACL (vapiSourceCidrs set)', () => {
  const { template, rules } = edgeOf({ vapiSourceCidrs: '203.0.113.10, 198.51.100.0/28 2001:db8::/48' });
  const sets = resourcesOf(template, 'AWS::WAFv2::IPSet');
  const setRef = (version: string) => ({
    IPSetReferenceStatement: {
      Arn: { 'Fn::GetAtt': [logicalId(template, 'AWS::WAFv2::IPSet', `WafVapiSources${version}`), 'Arn'] },
    },
  });
  const fromVapi = { OrStatement: { Statements: [setRef('IPV4'), setRef('IPV6')] } };

  it("holds VAPI's addresses in one IP set per family", () => {
    // Assess
    expect(Object.values(sets).map((set) => set.Properties)).toEqual([
      expect.objectContaining({
        Scope: 'CLOUDFRONT',
        IPAddressVersion: 'IPV4',
        Addresses: ['203.0.113.10/32', '198.51.100.0/28'],
      }),
      expect.objectContaining({ Scope: 'CLOUDFRONT', IPAddressVersion: 'IPV6', Addresses: ['2001:db8::/48'] }),
    ]);
  });

  it('blocks, first, every other address on any path outside the browser and operator paths', () => {
    // Assess
    expect(rules[WAF_RULES.vapiOnly]).toEqual({
      Name: WAF_RULES.vapiOnly,
      Priority: 0,
      Action: { Block: {} },
      Statement: { AndStatement: { Statements: [NOT_BROWSER_PATH, { NotStatement: { Statement: fromVapi } }] } },
      VisibilityConfig: {
        CloudWatchMetricsEnabled: true,
        MetricName: WAF_RULES.vapiOnly,
        SampledRequestsEnabled: true,
      },
    });
  });

  it("neither rate-limits nor reputation-checks VAPI's own addresses, and keeps the browser paths' rate rule", () => {
    // Assess
    expect(rules[WAF_RULES.webhookPerIp]).toBeUndefined();
    expect(rules[WAF_RULES.ipReputation]!.Statement.ManagedRuleGroupStatement.ScopeDownStatement).toEqual({
      NotStatement: { Statement: fromVapi },
    });
    expect(rules[WAF_RULES.browserPerIp]!.Statement.RateBasedStatement.Limit).toBe(20);
  });

  it('uses a single IP set reference when VAPI has addresses of one family only', () => {
    // Prepare
    const { template: v4, rules: v4Rules } = edgeOf({ vapiSourceCidrs: ['203.0.113.0/24'] });

    // Assess
    v4.resourceCountIs('AWS::WAFv2::IPSet', 1);
    expect(JSON.stringify(v4Rules[WAF_RULES.vapiOnly]!.Statement)).not.toContain('OrStatement');
  });
});
