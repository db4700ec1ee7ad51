/** Test helper: synthesizes the stack without esbuild (bundling skipped) so stack tests run fast and offline. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BookingStack } from '../../lib/booking-stack';
import { resolveConfig, type BookingStackConfigInput } from '../../lib/stack-config';

/** A region other than us-east-1, so the web ACL is a cross-region reference as in most deployments. */
export const TEST_REGION = 'eu-west-1';

/** cdk.json's context (the feature flags), so the stack tests assert the template `cdk deploy` builds. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

/** A client id of the right shape; nothing is looked up. */
export const TEST_CLIENT_ID = '11111111-2222-3333-4444-555555555555';

export interface Synthesized {
  app: App;
  stack: BookingStack;
  template: Template;
}

/** Builds the stack with `input` merged over a minimal valid configuration. */
export function synthStack(input: BookingStackConfigInput = {}, stackName = 'TestBooking'): Synthesized {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = new BookingStack(app, stackName, {
    stackName,
    env: { region: TEST_REGION },
    config: resolveConfig({ microsoftClientId: TEST_CLIENT_ID, ...input }),
  });
  return { app, stack, template: Template.fromStack(stack) };
}

type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

/** Resources of one type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id of the single resource of `type` whose logical id starts with `prefix`. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(resourcesOf(template, type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}

/** The Lambda function resource for a handler (AuthStart, AuthCallback, VapiWebhook, Status). */
export function lambda(template: Template, name: string, prefix = `Functions${name}`): Resource {
  const all = resourcesOf(template, 'AWS::Lambda::Function');
  return all[logicalId(template, 'AWS::Lambda::Function', prefix)]!;
}

/** The statements of the inline policy attached to a function's role. */
export function roleStatements(
  template: Template,
  name: string,
  prefix = `Functions${name}RoleDefaultPolicy`,
): Array<Record<string, any>> {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  return policies[logicalId(template, 'AWS::IAM::Policy', prefix)]!.Properties!.PolicyDocument.Statement;
}

/** The public URL of `path` as the template spells it: https:// + the CloudFront distribution's domain + path. */
export function publicUrl(template: Template, path = ''): unknown {
  const domain = { 'Fn::GetAtt': [logicalId(template, 'AWS::CloudFront::Distribution', 'FrontDoor'), 'DomainName'] };
  return { 'Fn::Join': ['', ['https://', domain, ...(path ? [path] : [])]] };
}
