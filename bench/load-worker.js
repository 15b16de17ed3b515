// Worker threads cannot load TypeScript by themselves: register tsx, then run the load generator.
require('tsx/cjs');
require('./load.ts');
