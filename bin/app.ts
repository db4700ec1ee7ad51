/** CDK app: one BookingStack, configured from context, checked by cdk-nag (AwsSolutions + Serverless) at synth. */
import { App } from 'aws-cdk-lib';
import { BookingStack } from '../lib/booking-stack';
import { applyNagPacks } from '../lib/nag';
import { configFromContext, resolveConfig, StackConfigError } from '../lib/stack-config';

/** Stack name when no `-c stackName=…` is given; secrets are named `<stackName>/…`. */
export const DEFAULT_STACK_NAME = 'VoiceCalendarBooking';

const app = new App();
try {
  const config = resolveConfig(configFromContext(app.node));
  const stackName = String(app.node.tryGetContext('stackName') ?? DEFAULT_STACK_NAME);
  // Environment-agnostic on purpose: synth needs no AWS account, credentials or lookups (CI runs offline).
  new BookingStack(app, stackName, {
    stackName,
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
