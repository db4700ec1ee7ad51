/** The deployable stack: tables, token key, secrets, four functions and the HTTP API (functions/contract/routes.ts). */
import { CfnOutput, Stack, type StackProps, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PATHS } from '../functions/contract/routes';
import { PublicApi } from './api';
import { reserveConcurrency } from './concurrency';
import { EdgeStack } from './edge-stack';
import { FrontDoor } from './front-door';
import { OriginVerify } from './origin-verify';
import { DataTables } from './data';
import { AppFunctions, WEBHOOK_BUDGET_MS } from './functions';
import { Keeper } from './keeper';
import { Monitoring } from './monitoring';
import { AppSecrets } from './secrets';
import type { BookingStackConfig } from './stack-config';
import { SECRET_OUTPUT_PREFIX, STACK_OUTPUTS } from './stack-outputs';
import { createTokenKey } from './token-key';

export interface BookingStackProps extends StackProps {
  /** Validated configuration (see resolveConfig in lib/stack-config.ts). */
  config: BookingStackConfig;
}

/** Calendar-booking back end for VAPI voice agents. */
export class BookingStack extends Stack {
  readonly api: PublicApi;
  readonly functions: AppFunctions;
  readonly secrets: AppSecrets;
  readonly keeper: Keeper;
  /** The us-east-1 stack holding the WAF web ACL of the front door. */
  readonly edge: EdgeStack;
  readonly frontDoor: FrontDoor;
  readonly originVerify: OriginVerify;

  constructor(scope: Construct, id: string, props: BookingStackProps) {
    // Cross-region: the web ACL is in us-east-1 (lib/edge-stack.ts), read here through CDK's SSM-backed references.
    super(scope, id, { ...props, crossRegionReferences: true });
    if (Token.isUnresolved(this.region)) {
      throw new Error(`BookingStack ${id}: give env.region; its CloudFront web ACL is read from us-east-1`);
    }
    this.edge = new EdgeStack(scope, `${id}Edge`, {
      stackName: `${this.stackName}Edge`,
      description: 'WAF web ACL (CloudFront scope) of the calendar booking API',
      config: props.config,
      ...(props.env ? { env: props.env } : {}),
    });
    const data = new DataTables(this, 'Data');
    const tokenKey = createTokenKey(this, 'TokenKey');
    this.secrets = new AppSecrets(this, 'Secrets', {
      microsoft: props.config.microsoft !== undefined,
      google: props.config.google !== undefined,
    });
    this.functions = new AppFunctions(this, 'Functions', {
      config: props.config,
      tables: data.byRole,
      tokenKey,
      secrets: this.secrets,
    });
    this.keeper = new Keeper(this, 'Keeper', {
      config: props.config,
      tables: data.byRole,
      tokenKey,
      secrets: this.secrets,
    });
    this.originVerify = new OriginVerify(this, 'OriginVerify', { logRetention: props.config.logRetention });
    this.api = new PublicApi(this, 'Api', {
      handlers: this.functions.byName,
      logRetention: props.config.logRetention,
      authorizer: this.originVerify.authorizer,
    });
    this.frontDoor = new FrontDoor(this, 'FrontDoor', {
      httpApi: this.api.httpApi,
      webAclArn: this.edge.acl.webAcl.attrArn,
      originHeaders: this.originVerify.originHeaders,
    });
    // Every public URL is CloudFront's, behind the WAF. The distribution references only the CfnApi (not stage or
    // routes), so functions → distribution → API → integrations → functions has no cycle.
    const baseUrl = this.frontDoor.url;
    this.functions.setPublicBaseUrl(baseUrl);
    const { byName } = this.functions;
    new Monitoring(this, 'Monitoring', {
      functions: { ...byName, keeper: this.keeper.function },
      webhook: byName.vapiWebhook,
      webhookBudgetMs: WEBHOOK_BUDGET_MS,
      httpApi: this.api.httpApi,
      namespace: this.stackName,
      alarmEmail: props.config.alarmEmail,
    });
    const { vapiWebhook, ...others } = byName;
    // Not the origin-verify authorizer: it guards the webhook too, so a cap would let a flood of forged headers sent
    // straight to execute-api starve CloudFront's own (uncached) authorizations, and with them VAPI's calls. It runs
    // in milliseconds, so it cannot hold much of the account's pool.
    const capped = [...Object.values(others), this.keeper.function];
    reserveConcurrency(vapiWebhook, capped, props.config.abuse);

    new CfnOutput(this, STACK_OUTPUTS.apiUrl, {
      value: baseUrl,
      description: 'Base URL of the API: its CloudFront front door (PUBLIC_BASE_URL)',
    });
    new CfnOutput(this, STACK_OUTPUTS.webhookUrl, {
      value: `${baseUrl}${PATHS.webhook}`,
      description: 'VAPI server URL for the booking tools',
    });
    new CfnOutput(this, STACK_OUTPUTS.callbackUrl, {
      value: `${baseUrl}${PATHS.callback}`,
      description: 'Redirect URI to register in the Entra app (Web platform) and the Google OAuth client',
    });
    new CfnOutput(this, STACK_OUTPUTS.tokenKeyArn, {
      value: tokenKey.keyArn,
      description: 'KMS key sealing the token caches',
    });
    for (const [name, prefix] of Object.entries(SECRET_OUTPUT_PREFIX) as [
      keyof typeof SECRET_OUTPUT_PREFIX,
      string,
    ][]) {
      const secret = this.secrets[name];
      if (!secret) continue;
      new CfnOutput(this, `${prefix}Arn`, { value: secret.secretArn });
      new CfnOutput(this, `${prefix}Name`, { value: this.secrets.names[name] });
    }
  }
}
