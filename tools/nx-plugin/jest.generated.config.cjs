// npm run test:generators (nx run nx-plugin:test-generated): the proof in a copy of the workspace
// that a generated domain lints, typechecks, passes its tests and answers over HTTP. Minutes, not seconds.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'nx-plugin-generated',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.generated.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
};
