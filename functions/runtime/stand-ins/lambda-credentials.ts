/**
 * The AWS credentials of a Lambda function: its execution role's, which the Lambda runtime puts in the environment.
 * Only the Lambda bundles use this module: lib/constructs/bundling.ts aliases the SDK's default provider chain
 * (@aws-sdk/credential-provider-node) to it. That chain's other links (SSO, ini files, credential_process, web
 * identity, container and instance metadata, with the STS and SSO clients they bring) never apply inside Lambda and
 * cost ~90 KB of every bundle. Tests, scripts and `npm start` run from the sources and keep the full chain.
 */

/** What an SDK client needs to sign (the shape of @smithy/types' AwsCredentialIdentity). */
export interface EnvCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Lambda's credential variables (the same the SDK's fromEnv reads). */
export const CREDENTIAL_ENV = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  expiration: 'AWS_CREDENTIAL_EXPIRATION',
} as const;

/** Reads the credentials from `env` on each call; fails naming the variables when they are missing. */
export function fromLambdaEnv(env: NodeJS.ProcessEnv = process.env): () => Promise<EnvCredentials> {
  return async () => {
    const accessKeyId = env[CREDENTIAL_ENV.accessKeyId];
    const secretAccessKey = env[CREDENTIAL_ENV.secretAccessKey];
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(`AWS credentials missing: ${CREDENTIAL_ENV.accessKeyId} and ${CREDENTIAL_ENV.secretAccessKey}`);
    }
    const sessionToken = env[CREDENTIAL_ENV.sessionToken];
    const expiration = env[CREDENTIAL_ENV.expiration];
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken && { sessionToken }),
      ...(expiration && { expiration: new Date(expiration) }),
    };
  };
}

/** Stands in for @aws-sdk/credential-provider-node's `defaultProvider` in the bundles (the clients call it so). */
export const defaultProvider = (_init?: unknown): (() => Promise<EnvCredentials>) => fromLambdaEnv();
