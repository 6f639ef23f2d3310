export { decryptEnvelope, deriveVaultKeys } from './decrypt.js';
export { encryptVaultText } from './encrypt.js';
export { isVaultText, parseVaultEnvelope, type VaultEnvelope, VaultFormatError } from './envelope.js';
export { decryptVaultText, VaultError, type VaultSecret, type VaultSecrets } from './secrets.js';
export {
  asText,
  asTextDeep,
  isVaulted,
  VAULTED_PLACEHOLDER,
  type VaultedValue,
  withPlaintext,
} from './vaulted.js';
