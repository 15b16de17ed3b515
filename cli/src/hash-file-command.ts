import fs from 'node:fs';
import { ValidationError } from '@hotline/platform';
import { hashImage, hashOptionsFrom, PDQ_WEAK_QUALITY, sniffImage } from '@hotline/hashing';
import type { Command } from './command';

export const hashFileCommand: Command = {
  name: 'hash-file',
  args: ['FILE'],
  synopsis: 'hash-file FILE',
  description: `Print every hash of an image as JSON (the same hashes the pipeline computes), with the PDQ quality:
below ${PDQ_WEAK_QUALITY} (pdqWeak) the PDQ hash is not matched unless MATCH_PDQ_WEAK=true.`,
  usesDatabase: false,
  async run({ cfg, io, args: [file] }) {
    const bytes = readFile(file!);
    const hashed = await hashImage(bytes, hashOptionsFrom(cfg));
    const pdqWeak = hashed.pdqQuality < PDQ_WEAK_QUALITY;
    io.out(
      JSON.stringify(
        {
          file,
          mime: sniffImage(bytes),
          bytes: bytes.length,
          width: hashed.width,
          height: hashed.height,
          ...hashed.hashes,
          pdqQuality: hashed.pdqQuality,
          pdqWeak,
        },
        null,
        2,
      ),
    );
    // On stderr, so stdout stays one JSON document.
    if (pdqWeak) {
      io.err(
        `note: weak PDQ hash (quality ${hashed.pdqQuality}, below ${PDQ_WEAK_QUALITY}), as flat or nearly featureless images have: ` +
          'matchers skip it unless MATCH_PDQ_WEAK=true; the other hashes match as usual',
      );
    }
  },
};

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ValidationError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
