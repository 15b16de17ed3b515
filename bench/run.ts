import { benchHashing } from './hashing';
import { benchIntake } from './intake';
import { benchReview } from './review/run';
import { benchVideo } from './video';

/** `npm run bench -- [intake|hashing|review|video ...]`: prints figures; no pass/fail. */
async function main(): Promise<void> {
  const which = process.argv.slice(2);
  const all = which.length === 0;
  if (all || which.includes('intake')) await benchIntake(Number(process.env.BENCH_SECONDS ?? 10));
  if (all || which.includes('hashing')) await benchHashing(Number(process.env.BENCH_IMAGES ?? 40));
  if (all || which.includes('review')) await benchReview();
  if (all || which.includes('video')) await benchVideo(Number(process.env.BENCH_VIDEO_SECONDS ?? 30));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
