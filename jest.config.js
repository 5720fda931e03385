/** @type {import('jest').Config} */
const ts = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }];
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ts },
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '\\.slow\\.test\\.ts$', '<rootDir>/test/e2e/'],
    },
    {
      displayName: 'slow',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': ts },
      testMatch: ['<rootDir>/test/**/*.slow.test.ts'],
    },
  ],
};
