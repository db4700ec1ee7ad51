import { FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from './synth';

describe('Config: CDK feature flags (cdk.json)', () => {
  it('sets every flag whose unset behaviour differs from the recommended value', () => {
    // Prepare: what `cdk flags` lists as unconfigured. A flag an aws-cdk-lib upgrade adds fails here until it is set,
    // after its template diff was reviewed (synth before and after, as the commit that set the others did).
    const differing = Object.entries(FLAGS)
      .filter(
        ([, flag]) => flag.introducedIn.v2 && (flag.unconfiguredBehavesLike?.v2 ?? false) !== flag.recommendedValue,
      )
      .map(([name]) => name);

    // Assess
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.filter((name) => !(name in CDK_JSON_CONTEXT))).toEqual([]);
  });

  it('takes the recommended value for each of them', () => {
    // Prepare
    const notRecommended = Object.entries(CDK_JSON_CONTEXT).filter(
      ([name, value]) => name in FLAGS && JSON.stringify(value) !== JSON.stringify(FLAGS[name]!.recommendedValue),
    );

    // Assess: a flag kept at its old value belongs here, with the reason, instead of in this empty list.
    expect(notRecommended).toEqual([]);
  });
});
