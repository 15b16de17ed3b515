// Worker threads cannot load TypeScript by themselves: register tsx, then run the hashing worker.
require('tsx/cjs');
require('./worker.ts');
