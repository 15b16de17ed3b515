import { configFields, type ConfigOf } from '@hotline/platform';

const { int } = configFields;

/**
 * The vault's limit, read by chat-intake (which schedules each identity's deadline on receipt) and by the
 * retention rules (whose daily scan destroys whatever a lost deadline job left), so both use one value.
 */
export const identityVaultConfig = {
  /** A reporter's identity is destroyed this many hours after receipt, whether or not feedback was given. */
  IDENTITY_MAX_HOURS: int(1, 24 * 31).default(24),
};

export type IdentityVaultConfig = ConfigOf<typeof identityVaultConfig>;
