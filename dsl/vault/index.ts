export { decryptEnvelope, deriveVaultKeys } from './decrypt.js';
export { encryptVaultText } from './encrypt.js';
export { isVaultText, parseVaultEnvelope, type VaultEnvelope, VaultFormatError } from './envelope.js';
export { decryptVaultText, VaultError, type VaultSecret, type VaultSecrets } from './secrets.js';
export { isVaulted, VAULTED_PLACEHOLDER, type VaultedValue } from './vaulted.js';
