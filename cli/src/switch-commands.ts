import { ValidationError } from '@hotline/platform';
import { setHashEnabled, setListEnabled, setVideoListEnabled } from '@hotline/hash-lists';
import type { Command } from './command';

function hashSwitch(enabled: boolean): Command {
  const name = enabled ? 'enable-hash' : 'disable-hash';
  return {
    name,
    args: ['HASH'],
    synopsis: `${name} --list NAME HASH`,
    description: enabled ? 'Resume matching one hash of a list.' : 'Stop matching one hash of a list, e.g. a false positive.',
    usesDatabase: true,
    async run({ io, options, args: [hash], db }) {
      if (!options.list) throw new ValidationError('--list NAME is required');
      await setHashEnabled(await db(), options.list, hash!, enabled);
      io.out(`hash ${hash} ${enabled ? 'enabled' : 'disabled'}; running matchers follow within seconds`);
    },
  };
}

function listSwitch(enabled: boolean): Command {
  const name = enabled ? 'enable-list' : 'disable-list';
  return {
    name,
    args: [],
    synopsis: `${name} --list NAME [--video]`,
    description: `${enabled ? 'Match a whole list again' : 'Stop matching a whole list'} (--video: a video list of import-video-list).`,
    usesDatabase: true,
    async run({ io, options, db }) {
      if (!options.list) throw new ValidationError('--list NAME is required');
      await (options.video ? setVideoListEnabled : setListEnabled)(await db(), options.list, enabled);
      io.out(`${options.video ? 'video list' : 'list'} ${options.list} ${enabled ? 'enabled' : 'disabled'}; running matchers follow within seconds`);
    },
  };
}

export const disableHashCommand = hashSwitch(false);
export const enableHashCommand = hashSwitch(true);
export const disableListCommand = listSwitch(false);
export const enableListCommand = listSwitch(true);
