/** cdk-nag (v3) wiring: the packs the app is checked against, and a reader for the acknowledgements in a tree. */
import { Validations, type Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The rule packs: AwsSolutions, plus Serverless (the only pack that checks HTTP API stage throttling). */
export function nagPacks(scope?: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(scope), new ServerlessChecks(scope)];
}

/**
 * Registers the packs so `cdk synth` fails on any unacknowledged error (report: cdk.out/policy-validation-report.json).
 */
export function applyNagPacks(app: Stage): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}

/** One acknowledgement: the rule (or finding) id, where it sits, and why. */
export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every acknowledgement recorded under `scope`, sorted by path then id. */
export function listAcknowledgements(scope: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  const key = (a: Acknowledgement): string => `${a.path}\u0000${a.id}`;
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
