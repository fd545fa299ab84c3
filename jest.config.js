/**
 * Three projects: `unit` (*.spec.ts beside the code), `e2e` (test/**\/*.e2e-spec.ts, booting
 * the real app against real Postgres and Redis; each file gets its own database) and `browser`
 * (test/browser/**\/*.browser-spec.ts: Debian's Chromium driving the real api + worker + web
 * processes, started once per run by test/browser/support/global-setup.ts).
 * Type checking is `npm run typecheck`'s job; here TypeScript is only transpiled.
 */
const moduleNameMapper = {
  '^@app/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z0-9-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12 and some of Fastify's dependencies ship only ES modules: Jest loads them through
// Node's require(esm), which it supports on Node 26 (and 24.9+) with --experimental-vm-modules (set by
// scripts/test.mjs and the test:* scripts).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const common = {
  rootDir: __dirname,
  setupFiles: ['reflect-metadata'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
};

module.exports = {
  // A global option (Jest ignores it inside a project): e2e tests boot apps and wait for jobs.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/one-query-at-a-time.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
    },
  ],
};
