/** Picks the Cipher for the configuration: KMS in AWS, the local key in npm start and tests. */
import type { Cipher } from '../../domain/ports';
import type { CipherConfig } from '../../runtime/config';
import { createKmsClient, KmsCipher } from './kms-cipher';
import { LocalCipher } from './local-cipher';

/** The cipher for `config` (create once per container: KmsCipher's data-key cache lives in the instance). */
export function createCipher(config: CipherConfig, region: string): Cipher {
  return config.kind === 'kms' ? new KmsCipher(createKmsClient(region), config.keyId) : new LocalCipher(config.key);
}
