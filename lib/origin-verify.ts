/**
 * Keeps calls to the HTTP API's own execute-api endpoint, around CloudFront and its WAF, away from the functions:
 * CloudFront adds a secret header to every request it forwards, and a Lambda authorizer on every route lets through
 * only requests carrying it (the design AWS documents for HTTP APIs behind CloudFront). An HTTP API has no resource
 * policy, so the check has to be an authorizer. API Gateway answers 401 itself when the header is missing and caches
 * each verdict per header value, so the authorizer runs about once per five minutes for CloudFront's traffic.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_CACHE_SECONDS, ORIGIN_VERIFY_HEADER } from '../functions/contract/origin-verify';
import { AppFunction } from './constructs/app-function';

export interface OriginVerifyProps {
  logRetention: RetentionDays;
}

/** The secret, its authorizer function and the HTTP API authorizer to put on every route. */
export class OriginVerify extends Construct {
  readonly secret: Secret;
  readonly function: AppFunction;
  readonly authorizer: HttpLambdaAuthorizer;
  /** The header name and value for the CloudFront origin (a Secrets Manager dynamic reference, not the value). */
  readonly originHeaders: Record<string, string>;

  constructor(scope: Construct, id: string, props: OriginVerifyProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: `${Stack.of(this).stackName}/origin-verify`,
      description: 'Header value CloudFront adds to requests for the HTTP API; checked by its authorizer',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Held by no person or client: CloudFront adds it and the authorizer checks it. Rotated by hand ' +
        '(put-secret-value; the authorizer accepts AWSCURRENT and AWSPREVIOUS), then a deploy that updates the ' +
        'distribution so CloudFormation reads the new value (README, "Abuse protection").',
    });
    this.function = new AppFunction(this, 'Function', {
      handlerName: 'originVerify',
      description: 'HTTP API authorizer: only requests that came through CloudFront (and its WAF)',
      timeout: Duration.seconds(5),
      memorySize: 256,
      logRetention: props.logRetention,
    }).useSecret('ORIGIN_VERIFY_SECRET', this.secret);
    this.authorizer = new HttpLambdaAuthorizer('OriginVerify', this.function, {
      authorizerName: 'origin-verify',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: Duration.seconds(ORIGIN_VERIFY_CACHE_SECONDS),
    });
    this.originHeaders = { [ORIGIN_VERIFY_HEADER]: this.secret.secretValue.unsafeUnwrap() };
  }
}
