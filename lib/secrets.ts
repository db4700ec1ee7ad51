/** The app's secrets in Secrets Manager, named `<stackName>/<purpose>` so operators can find them. */
import { RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Why none of the secrets has a Secrets Manager rotation schedule (cdk-nag SMG4). */
const NO_ROTATION = {
  microsoftClientSecret:
    'Issued by Entra ID, which no Secrets Manager rotation Lambda can mint; rotated by hand before it expires ' +
    '(new client secret in Entra, put-secret-value, then delete the old one).',
  googleClientSecret:
    'Issued by Google Cloud (APIs & Services → Credentials), which no Secrets Manager rotation Lambda can mint; ' +
    'rotated by hand (add a secret to the OAuth client, put-secret-value, then disable the old one).',
  vapiSecret:
    'Shared with VAPI, which keeps its own copy; rotated by hand (put-secret-value, then update the VAPI credential ' +
    'once SECRETS_MAX_AGE_SECONDS has passed: the webhook accepts AWSCURRENT and AWSPREVIOUS meanwhile).',
  inviteSigningKey:
    'HMAC key for short-lived invite links; rotating it only invalidates outstanding invites, ' +
    'done by hand (put-secret-value) when needed.',
  adminToken:
    'Bearer token held by the operator for the status route and the admin API; ' +
    'rotated by hand (put-secret-value) when staff change.',
} as const;

/** Which providers the deployment offers (each has a client secret). */
export interface AppSecretsProps {
  microsoft: boolean;
  google: boolean;
}

/** The app's secrets; the providers' client secrets start empty and must be set after deploy. */
export class AppSecrets extends Construct {
  /** The Entra client secret: a placeholder until `aws secretsmanager put-secret-value` stores the real one. */
  readonly microsoftClientSecret?: Secret;
  /** The Google OAuth client secret: a placeholder until put-secret-value stores the real one. */
  readonly googleClientSecret?: Secret;
  /** Shared secret VAPI sends with every webhook call (generated). */
  readonly vapiSecret: Secret;
  /** HMAC key that signs invite links (generated). */
  readonly inviteSigningKey: Secret;
  /** Bearer token of GET /calendar/auth/status and the /calendar/admin/ API (generated). */
  readonly adminToken: Secret;
  /**
   * The fixed names (`<stackName>/…`), known at synth unlike Secret.secretName, which CDK parses back out of the ARN.
   */
  readonly names: Record<keyof typeof NO_ROTATION, string>;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.names = {
      microsoftClientSecret: `${stackName}/microsoft-client-secret`,
      googleClientSecret: `${stackName}/google-client-secret`,
      vapiSecret: `${stackName}/vapi-webhook-secret`,
      inviteSigningKey: `${stackName}/invite-signing-key`,
      adminToken: `${stackName}/admin-token`,
    };
    if (props.microsoft) {
      this.microsoftClientSecret = this.placeholder('MicrosoftClientSecret', this.names.microsoftClientSecret, 'Entra');
    }
    if (props.google) {
      this.googleClientSecret = this.placeholder('GoogleClientSecret', this.names.googleClientSecret, 'Google OAuth');
    }
    this.vapiSecret = this.generated(
      'VapiWebhookSecret',
      this.names.vapiSecret,
      'Shared secret VAPI sends in its webhook credential',
    );
    this.inviteSigningKey = this.generated(
      'InviteSigningKey',
      this.names.inviteSigningKey,
      'HMAC key for manager invite links (npm run invite)',
    );
    this.adminToken = this.generated(
      'AdminToken',
      this.names.adminToken,
      'Bearer token of the status route and the admin API (npm run admin)',
    );
    const all = {
      microsoftClientSecret: this.microsoftClientSecret,
      googleClientSecret: this.googleClientSecret,
      vapiSecret: this.vapiSecret,
      inviteSigningKey: this.inviteSigningKey,
      adminToken: this.adminToken,
    };
    for (const [name, secret] of Object.entries(all) as [keyof typeof NO_ROTATION, Secret | undefined][]) {
      if (secret) Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: NO_ROTATION[name] });
    }
  }

  /** A provider's client secret: issued by the provider, so it starts as a placeholder set after deploy. */
  private placeholder(id: string, secretName: string, issuer: string): Secret {
    return new Secret(this, id, {
      secretName,
      description:
        `${issuer} app client secret. Set after deploy: ` +
        'aws secretsmanager put-secret-value --secret-id <name> --secret-string <value>',
      // Secrets Manager rejects an empty value; functions/runtime/secrets.ts trims this one space to "" and reports
      // "has no value yet (set it with aws secretsmanager put-secret-value)" instead of a confusing invalid_client.
      secretStringValue: SecretValue.unsafePlainText(' '),
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  private generated(id: string, secretName: string, description: string): Secret {
    return new Secret(this, id, {
      secretName,
      description,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
