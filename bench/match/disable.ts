/**
 * Disabling known hashes one by one (a false positive, `disable-hash`) in a matcher's index.
 *
 *   npx tsx bench/match/disable.ts [--size 1000000] [--disables 1000]
 *
 * Builds one PDQ TypeIndex of random hashes with database ids in ascending order (a fresh load)
 * and one in shuffled order (a load in heap order after rows were rewritten), then times disabling
 * `--disables` random ids through the lookup by id, beside the walk over every entry it replaced
 * (timed on a tenth of the ids and scaled, or it would take minutes).
 */
import { TypeIndex } from '../../services/matcher/src/type-index';
import { xorshift32 } from './synth';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const n = arg('size', 1_000_000);
const disables = arg('disables', 1000);
const rand = xorshift32(7);

function build(shuffled: boolean): TypeIndex {
  const packed = new Uint32Array(n * 8);
  for (let i = 0; i < packed.length; i++) packed[i] = rand();
  const dbIds = new Float64Array(n);
  for (let i = 0; i < n; i++) dbIds[i] = 1 + 3 * i;
  if (shuffled) {
    for (let i = n - 1; i > 0; i--) {
      const j = rand() % (i + 1);
      const v = dbIds[i]!;
      dbIds[i] = dbIds[j]!;
      dbIds[j] = v;
    }
  }
  return TypeIndex.adopt('pdq', packed, { dbIds, listIds: new Uint32Array(n), categories: new Uint32Array(n), off: new Uint8Array(n) }, n);
}

/** The code before item 12: look through every entry's database id. */
function walkDisable(t: TypeIndex, dbId: number): void {
  for (let id = 0; id < t.size; id++) if (t.dbIds[id] === dbId) t.setHashOff(id, true);
}

const victims = Array.from({ length: disables }, () => 1 + 3 * (rand() % n));
for (const shuffled of [false, true]) {
  const t = build(shuffled);
  let t0 = performance.now();
  for (const v of victims) t.setHashOffByDbId(v, true);
  const lookupMs = performance.now() - t0;
  const sample = victims.slice(0, Math.max(1, Math.floor(disables / 10)));
  t0 = performance.now();
  for (const v of sample) walkDisable(t, v);
  const walkMs = ((performance.now() - t0) * disables) / sample.length;
  console.log(
    `${n.toLocaleString('en')} hashes, ids ${shuffled ? 'shuffled' : 'ascending'}: ${disables} disables by lookup ${lookupMs.toFixed(1)} ms` +
      `${shuffled ? ' (incl. building the id order once)' : ''}; by walking every entry ${(walkMs / 1000).toFixed(1)} s (from ${sample.length})`,
  );
}
