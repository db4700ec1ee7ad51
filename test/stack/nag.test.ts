import { App, Stack } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { BookingStack } from '../../lib/booking-stack';
import { applyNagPacks, listAcknowledgements, nagPacks } from '../../lib/nag';
import { resolveConfig } from '../../lib/stack-config';
import { synthStack, TEST_CLIENT_ID, TEST_REGION } from './synth';

describe('cdk-nag: AwsSolutions + Serverless (default configuration)', () => {
  const { stack } = synthStack();

  it.each(nagPacks().map((pack) => [pack.name, pack] as const))(
    '%s reports no unacknowledged error or warning',
    (_name, pack) => {
      // Act
      const report = pack.validateScope(stack);

      // Assess
      expect(
        report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
      ).toEqual([]);
      expect(report.success).toBe(true);
    },
  );

  it('passes synth with the packs registered the way bin/app.ts registers them', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new BookingStack(app, 'NagSynth', {
      env: { region: TEST_REGION },
      config: resolveConfig({ microsoftClientId: TEST_CLIENT_ID }),
    });
    applyNagPacks(app);

    // Act
    const act = (): unknown => app.synth();

    // Assess
    expect(act).not.toThrow();
  });

  it('gives every acknowledgement a reason and puts it on a single resource-level construct', () => {
    // Prepare
    const acks = listAcknowledgements(stack);

    // Assess
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, ack.id).toBeGreaterThan(40);
      // Never on the stack itself: each one covers a single route, function, policy, table or secret.
      expect(ack.path.split('/').length, ack.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('pins the list of acknowledgements (ids, places and reasons)', () => {
    // Assess: a change here is a security review item, not a snapshot to update blindly.
    expect(listAcknowledgements(stack)).toMatchSnapshot();
  });
});

describe('cdk-nag: the wiring catches a violation (control)', () => {
  it('fails synth on an unacknowledged error', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Secret(new Stack(app, 'Control'), 'NoRotation');
    applyNagPacks(app);

    // Act
    const act = (): unknown => app.synth();

    // Assess
    expect(act).toThrow(/AwsSolutions-SMG4/);
  });
});
