/**
 * ts-jest transpiles each file on its own (no type check, fast); `npm run typecheck` does the type
 * check. The suite needs --experimental-vm-modules (set in the npm script) because PGlite loads its
 * WASM through a dynamic import.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: [
    '<rootDir>/shared/*/test/**/*.test.ts',
    '<rootDir>/services/*/test/**/*.test.ts',
    '<rootDir>/cli/test/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
