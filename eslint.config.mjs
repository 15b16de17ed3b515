// Lint for the whole workspace. typescript-eslint's `recommended` set, not the type-checked one: the type-aware
// rules need a full program per run, too slow on a small CI box; `npm run typecheck` covers types.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVICES = ['all-in-one', 'chat-intake', 'fetcher', 'hasher', 'intake-web', 'matcher', 'retention', 'review'];

export default tseslint.config(
  { ignores: ['**/node_modules/', 'infra/kafka/.cache/', 'data/', '**/dist/', 'coverage/', 'test/fixtures/', 'test/artifacts/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      // Services log through ctx.logger (pino), which keeps reporter data out; a stray console.log bypasses that.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // "Nothing else reads process.env": config is read in one file and validated in one schema.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in shared/platform/src/config/env.ts only; receive a validated Config instead.' },
      ],
    },
  },
  {
    // A service is deployed on its own: importing another service would drag its code (and secrets) along.
    // Only the all-in-one composition, tests and benchmarks put services side by side.
    files: ['services/**', 'shared/**', 'cli/**'],
    ignores: ['services/all-in-one/**', 'services/*/test/**', 'shared/*/test/**', 'cli/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SERVICES.flatMap((s) => [`@hotline/${s}`, `@hotline/${s}/*`]),
              message: 'A service or library must not import a service; move the shared part into a library under shared/.',
            },
            {
              group: SERVICES.flatMap((s) => [`**/services/${s}/**`, `**/${s}/src`, `**/${s}/src/**`]),
              message: 'A service or library must not import a service; move the shared part into a library under shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one reader of the environment, and the harnesses that set up databases and brokers for tests and benchmarks.
    files: ['shared/platform/src/config/env.ts', 'test/**', '*/*/test/**', 'cli/test/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests read JSON answers as loose records; their assertions are what checks the shape.
    files: ['test/**', '*/*/test/**', 'cli/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The review console runs in the browser (built by Vite, served by the review service).
    files: ['services/review/console/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Benchmarks print their figures.
    files: ['bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
