import { readFile } from 'node:fs/promises';
import { ValidationError } from '@hotline/platform';
import { importVideoList, parseVideoListJsonl } from '@hotline/hash-lists';
import type { Command } from './command';

export const importVideoListCommand: Command = {
  name: 'import-video-list',
  args: ['FILE'],
  synopsis: 'import-video-list --list NAME [--source SOURCE] FILE',
  description: `Import the frame hashes of known videos into a video list: JSON lines {"videoId", "timestampMs", "pdq",
"quality", "category"}, one per sampled second. A video matches one of them when at least MATCH_VIDEO_MIN_SHARE of
its frames and of the known video's frames are in common (vPDQ).`,
  usesDatabase: true,
  async run({ io, options, args: [file], db }) {
    if (!options.list) throw new ValidationError('--list NAME is required');
    const rows = parseVideoListJsonl(await readFile(file!, 'utf8'));
    const r = await importVideoList(await db(), { name: options.list, source: options.source }, rows);
    io.out(`video list ${options.list}: ${r.added} new of ${rows.length} frames (${r.videos} videos)`);
  },
};
