// Worker threads cannot load TypeScript by themselves (bench/robustness/worker.js does the same): register tsx's
// CommonJS hook, then run the hashing worker. Harmless when the process already runs under `node --import tsx`.
require('tsx/cjs');
require('./hash-worker.ts');
