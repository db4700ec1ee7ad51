/**
 * The us-east-1 stack that holds the WAF web ACL: AWS WAF protects CloudFront only with a CLOUDFRONT-scope web ACL,
 * and those exist only in us-east-1. The booking stack reads its ARN through CDK's cross-region references.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BookingStackConfig } from './stack-config';
import { EdgeWebAcl } from './waf';

/** The only region where CLOUDFRONT-scope web ACLs can be created. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  config: BookingStackConfig;
}

/** The web ACL (and its log group) for the booking stack's CloudFront distribution. */
export class EdgeStack extends Stack {
  readonly acl: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION }, crossRegionReferences: true });
    this.acl = new EdgeWebAcl(this, 'Waf', { abuse: props.config.abuse, logRetention: props.config.logRetention });
    new CfnOutput(this, 'WebAclArn', { value: this.acl.webAcl.attrArn, description: 'WAF web ACL of the API' });
  }
}
