/** CDK app: one BookingStack, configured from context, checked by cdk-nag (AwsSolutions + Serverless) at synth. */
import { App } from 'aws-cdk-lib';
import { BookingStack } from '../lib/booking-stack';
import { applyNagPacks } from '../lib/nag';
import { configFromContext, resolveConfig, StackConfigError } from '../lib/stack-config';

/** Stack name when no `-c stackName=…` is given; secrets are named `<stackName>/…`. */
export const DEFAULT_STACK_NAME = 'VoiceCalendarBooking';

/** Region when the CLI knows none (CDK_DEFAULT_REGION unset). */
export const DEFAULT_REGION = 'us-east-1';

const app = new App();
try {
  const config = resolveConfig(configFromContext(app.node));
  const stackName = String(app.node.tryGetContext('stackName') ?? DEFAULT_STACK_NAME);
  // Account-agnostic on purpose: synth needs no AWS account, credentials or lookups (CI runs offline). The region is
  // explicit because the WAF web ACL lives in us-east-1 (lib/edge-stack.ts): the CLI's region (AWS_REGION or the
  // profile's), else us-east-1, where a synth with no AWS configuration at all (a clean CI machine) lands.
  const region = process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  new BookingStack(app, stackName, {
    stackName,
    env: { region },
    config,
    description: 'Calendar booking back end for VAPI voice agents',
  });
} catch (error) {
  if (!(error instanceof StackConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
applyNagPacks(app);
app.synth();
