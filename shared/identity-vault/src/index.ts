export { identityVaultConfig, type IdentityVaultConfig } from './config';
export { CHAT_PLATFORMS, indexedIdentifiers, normaliseIdentifier, reporterIdentitySchema, type ChatPlatformName, type ReporterIdentity } from './identity';
export { blindIndex, deliveryDigest, openIdentity, sealIdentity } from './vault-crypto';
export {
  destroyExpiredIdentities,
  destroyIdentity,
  findDeletion,
  findExpiredIdentities,
  findIdentities,
  identityRecords,
  readIdentity,
  storeIdentity,
  type DeletionReason,
  type IdentityDeletion,
  type IdentityRecord,
} from './vault-store';
export { identityIndexKeySecret, identityVaultKeySecret, identityVaultSecrets, type VaultKeys } from './vault-keys';
