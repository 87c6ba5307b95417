// One lint configuration for the whole project: typescript-eslint's
// type-aware recommended rules, no warnings allowed (`npm run check`), and the rule that
// features meet through one door.
import fs from 'node:fs';
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Features meet through one door: code outside a feature imports only its `index.ts` (or, for a
// pure engine inside it such as the language guard's, `engine/index.ts`); tests may also use a
// feature's `test-builders.ts`.
// The platform serves every feature and imports none. Every feature folder is covered, new ones
// too. (eslint-plugin-import-x's no-restricted-paths: globs must be absolute, so they start at
// the project root.)
const root = import.meta.dirname;
const features = fs.readdirSync(`${root}/src/features`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const doors = [`${root}/src/features/*/index.ts`, `${root}/src/features/*/engine/index.ts`];
// The language guard's marked corpus, for the benchmark and tests.
const corpusDoor = `${root}/src/features/*/engine/corpus/index.ts`;
const testDoors = [...doors, `${root}/src/features/*/test-builders.ts`];
const throughTheDoor = 'Another feature is used only through its index.ts (tests may also use its test-builders.ts).';
const featureZones = [
  ...features.flatMap((feature) => [
    { target: `${root}/src/features/${feature}/**/!(*.test).ts`, from: `${root}/src/features/!(${feature})/**`, except: doors, message: throughTheDoor },
    { target: `${root}/src/features/${feature}/**/*.test.ts`, from: `${root}/src/features/!(${feature})/**`, except: testDoors, message: throughTheDoor },
  ]),
  { target: [`${root}/src/!(*.test).ts`, `${root}/src/demo/**`, `${root}/scripts/**`], from: `${root}/src/features/**`, except: doors, message: throughTheDoor },
  { target: `${root}/bench/**`, from: `${root}/src/features/**`, except: [...doors, corpusDoor], message: throughTheDoor },
  { target: [`${root}/src/*.test.ts`, `${root}/test/**`, `${root}/e2e/**`], from: `${root}/src/features/**`, except: testDoors, message: throughTheDoor },
  { target: `${root}/src/platform/**`, from: `${root}/src/features/**`, message: 'The platform serves every feature and imports none: pass what it needs in (see how app.ts gives auth its actor loader).' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'static/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'bin/withme.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      // Fastify plugins, hooks and handlers are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.js'],
    ignores: ['static/**'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: featureZones }] },
  },
  {
    // Migrations are frozen in time and must not depend on today's table types (kysely docs).
    files: ['src/**/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['static/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    // After the spread, whose languageOptions would otherwise drop these browser globals.
    languageOptions: { parserOptions: { project: false, program: null, projectService: false }, globals: { window: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', FormData: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', HTMLElement: 'readonly' } },
  },
);
