/**
 * The public front door: a CloudFront distribution in front of the HTTP API, carrying the WAF web ACL (AWS WAF cannot
 * be associated with an API Gateway HTTP API; CloudFront + WAF is the way AWS documents for one). Nothing is cached:
 * every request reaches the API with its headers, cookies and query string, minus Host (API Gateway routes on its own).
 */
import { Duration, Fn, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';

export interface FrontDoorProps {
  httpApi: HttpApi;
  /** ARN of the CLOUDFRONT-scope web ACL (lib/edge-stack.ts). */
  webAclArn: string;
  /** Added to every request to the origin: the secret header its authorizer checks (lib/origin-verify.ts). */
  originHeaders?: Record<string, string>;
}

/** Why the distribution has what cdk-nag's CloudFront rules would change, by rule. */
const NAG_REASONS = {
  'AwsSolutions-CFR1':
    'No geo restriction: managers connect and callers ring from anywhere, and VAPI calls from its own cloud ' +
    'addresses; the WAF limits each address instead (lib/waf.ts).',
  'AwsSolutions-CFR3':
    'No CloudFront access logs (they need an ACL-enabled S3 bucket): the WAF logs every blocked request and the ' +
    "API's access logs record every request that reaches the origin.",
  'AwsSolutions-CFR4':
    'The default *.cloudfront.net certificate, which fixes the viewer TLS policy; pinning TLSv1.2_2021 needs a ' +
    'custom domain and ACM certificate. The origin leg is TLS 1.2 only (CFR5).',
} as const;

/** The distribution; `url` is the base of every public URL (PUBLIC_BASE_URL, webhook, redirect URI). */
export class FrontDoor extends Construct {
  readonly distribution: Distribution;
  /** `https://<id>.cloudfront.net`, no trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com; the origin wants the bare host name.
    const originHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Booking API: WAF in front of the HTTP API',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe edges: the cheapest class; callers elsewhere still reach it, from a farther edge.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new HttpOrigin(originHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          // HTTP API's own integration limit: whatever the API answers (even its own timeout) reaches the caller.
          readTimeout: Duration.seconds(30),
          ...(props.originHeaders ? { customHeaders: props.originHeaders } : {}),
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // AWS's managed policy for API Gateway origins: all viewer headers but Host, cookies and query strings. With
        // caching off it forwards Authorization too (AWS knowledge center, "cloudfront-authorization-header").
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: false,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    for (const [ruleId, reason] of Object.entries(NAG_REASONS)) {
      Validations.of(this.distribution).acknowledge({ id: ruleId, reason });
    }
  }
}
