export { CHAT_PLATFORMS, indexedIdentifiers, normaliseIdentifier, reporterIdentitySchema, type ChatPlatformName, type ReporterIdentity } from './identity';
export { blindIndex, deliveryDigest, openIdentity, sealIdentity } from './vault-crypto';
export { destroyIdentity, findDeletion, findIdentities, readIdentity, storeIdentity, type DeletionReason, type IdentityDeletion } from './vault-store';
export { identityIndexKeySecret, identityVaultKeySecret, identityVaultSecrets, type VaultKeys } from './vault-keys';
