import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A closed-loop HTTP load generator for a worker thread (its own event loop, so it does not steal
 * the server's). Keeps `concurrency` requests in flight for `seconds` and reports every latency.
 */
interface Job {
  url: string;
  body: string;
  contentType: string;
  concurrency: number;
  seconds: number;
}

async function run(job: Job): Promise<{ latenciesMs: number[]; statuses: Record<number, number>; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const target = new URL(job.url);
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  const started = performance.now();
  const end = started + job.seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          method: 'POST',
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          headers: { 'content-type': job.contentType, 'content-length': Buffer.byteLength(job.body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latenciesMs.push(performance.now() - t0);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        statuses[0] = (statuses[0] ?? 0) + 1;
        resolve();
      });
      req.end(job.body);
    });
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  agent.destroy();
  return { latenciesMs, statuses, seconds: (performance.now() - started) / 1000 };
}

if (parentPort) void run(workerData as Job).then((r) => parentPort!.postMessage(r));
