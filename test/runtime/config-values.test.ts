import { describe, expect, it } from 'vitest';
import { ConfigError, readCipher, readDynamo, readPublicBaseUrl, readSecretRefs } from '../../functions/runtime/config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('Function: readPublicBaseUrl', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['https://abc.execute-api.us-east-1.amazonaws.com/prod', 'https://abc.execute-api.us-east-1.amazonaws.com/prod'],
    ['https://api.example.com/', 'https://api.example.com'],
    ['https://api.example.com/v1///', 'https://api.example.com/v1'],
  ])('accepts %s as %s (trailing slashes dropped)', (given, expected) => {
    // Act
    const url = readPublicBaseUrl({ PUBLIC_BASE_URL: given });

    // Assess
    expect(url).toBe(expected);
  });

  it.each([
    ['another scheme', 'ftp://api.example.com'],
    ['a scheme that only ends in https', 'git+https://api.example.com'],
    ['a query string', 'https://api.example.com?stage=prod'],
    ['a fragment', 'https://api.example.com/prod#top'],
    ['a space', 'https://api example.com'],
  ])('refuses %s, naming the variable and the value', (_case, given) => {
    // Act
    const read = () => readPublicBaseUrl({ PUBLIC_BASE_URL: given });

    // Assess
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(`PUBLIC_BASE_URL must be an http(s) URL such as https://api.example.com, got "${given}"`);
  });
});

describe('Function: readDynamo', () => {
  it('defaults to us-east-1 and no endpoint (the real DynamoDB)', () => {
    // Act + Assess
    expect(readDynamo({})).toEqual({ endpoint: undefined, region: 'us-east-1' });
    expect(readDynamo({ DYNAMODB_ENDPOINT: ' ', AWS_REGION: ' ' })).toEqual({
      endpoint: undefined,
      region: 'us-east-1',
    });
  });

  it('uses the configured region and DynamoDB Local endpoint, trimmed', () => {
    // Act
    const dynamo = readDynamo({ DYNAMODB_ENDPOINT: ' http://localhost:8000\n', AWS_REGION: ' eu-west-1 ' });

    // Assess
    expect(dynamo).toEqual({ endpoint: 'http://localhost:8000', region: 'eu-west-1' });
  });
});

describe('Function: readCipher and readSecretRefs', () => {
  it('trims the KMS key id and the local key it is given', () => {
    // Act + Assess
    expect(readCipher({ TOKEN_KMS_KEY_ID: ' alias/tokens\n' })).toEqual({ kind: 'kms', keyId: 'alias/tokens' });
    expect(readCipher({ LOCAL_TOKEN_KEY: ` ${KEY}\n` })).toEqual({ kind: 'local', key: KEY });
  });

  it('trims a secret ARN', () => {
    // Act
    const refs = readSecretRefs({ VAPI_SECRET_ARN: ' arn:aws:secretsmanager:x\n' }, ['VAPI_SECRET']);

    // Assess
    expect(refs).toEqual({ VAPI_SECRET: { arn: 'arn:aws:secretsmanager:x' } });
  });
});
