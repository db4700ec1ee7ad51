/** How sealed calendar credentials are bound: the code that seals them and the IAM condition that allows it agree. */

/**
 * Purpose in the encryption context of every sealed credential (KMS EncryptionContext, AES-GCM AAD). The name dates
 * from the first provider (an msal token cache); it is kept because every stored blob is bound to it.
 */
export const CREDENTIALS_PURPOSE = 'msal-token-cache';

/** The exact encryption-context keys a credential seal carries. */
export const CREDENTIAL_CONTEXT_KEYS = ['managerId', 'purpose'] as const;
