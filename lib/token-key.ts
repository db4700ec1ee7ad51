/** The KMS key that seals token caches (envelope encryption), and nothing else. */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * What the account (IAM) may do with the key: administer it, and the two operations the functions use. This replaces
 * CDK's default `kms:*` so the key never allows ReEncrypt*, CreateGrant, Encrypt or GenerateDataKey* variants.
 */
export const KEY_POLICY_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:RotateKeyOnDemand',
  'kms:ListKeyRotations',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ListResourceTags',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:GenerateDataKey',
  'kms:Decrypt',
];

/** The key-policy statement giving the account (its IAM policies) KEY_POLICY_ACTIONS, for every key of the stack. */
export function accountKeyStatement(): PolicyStatement {
  return new PolicyStatement({
    sid: 'AccountAdministersAndDelegatesUseToIam',
    principals: [new AccountRootPrincipal()],
    actions: KEY_POLICY_ACTIONS,
    resources: ['*'],
  });
}

/** A symmetric key with yearly rotation, retained on stack deletion (sealed caches would be unreadable without it). */
export function createTokenKey(scope: Construct, id: string): Key {
  const stackName = Stack.of(scope).stackName;
  return new Key(scope, id, {
    description: `${stackName}: envelope key for sealed Microsoft token caches`,
    alias: `alias/${stackName}/token-cache`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    policy: new PolicyDocument({ statements: [accountKeyStatement()] }),
  });
}
