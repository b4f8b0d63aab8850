// Three suites, one runner. Unit tests sit beside the code; integration tests under each
// project's test/integration talk to the real PostgreSQL and Kafka that the global setup provides;
// end-to-end journeys live in apps/e2e.
const swc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@mb/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/', '<rootDir>/.data/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.cjs'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/e2e/src/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tools/jest/global-setup.cjs',
      globalTeardown: '<rootDir>/tools/jest/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.cjs'],
    },
  ],
};
