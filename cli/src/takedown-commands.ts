import { ValidationError } from '@hotline/platform';
import { setListAutoNotice } from '@hotline/hash-lists';
import type { Command } from './command';

/** `takedown-key`: the public half of the referral signing key, for partners to verify referrals with. */
export const takedownKeyCommand: Command = {
  name: 'takedown-key',
  args: [],
  synopsis: 'takedown-key',
  description: `Print the key id and the Ed25519 public key (PEM) that verify this hotline's signed referrals. Give it to
police and partner hotlines through a channel other than the referrals themselves. Needs takedown's
TAKEDOWN_SIGNING_KEY (embedded default: its file under DATA_DIR/secrets).`,
  usesDatabase: false,
  async run({ io, signingKey }) {
    const key = signingKey();
    io.out(`key id: ${key.keyId}`);
    io.out(key.publicKeyPem.trimEnd());
  },
};

/** `auto-notice`: Arachnid's automatic notices for one list of assessed material, off by default, audited. */
export const autoNoticeCommand: Command = {
  name: 'auto-notice',
  args: ['on|off'],
  synopsis: 'auto-notice --list NAME on|off',
  description: `Let an exact SHA-256 match to this list (material already assessed, e.g. an IWF or NCMEC list) start
the notice-and-takedown without a new analyst decision; the item still reaches the review queue. Off for every
list until turned on; each change is audited.`,
  usesDatabase: true,
  async run({ io, options, args: [state], db }) {
    if (!options.list) throw new ValidationError('--list NAME is required');
    if (state !== 'on' && state !== 'off') throw new ValidationError('say on or off');
    await setListAutoNotice(await db(), options.list, state === 'on', 'cli');
    io.out(`automatic notices for list ${options.list}: ${state}`);
  },
};
