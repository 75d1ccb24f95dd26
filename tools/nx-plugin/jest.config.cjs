// The proofs in a workspace copy (*.generated.spec.ts) run in jest.generated.config.cjs only.
const preset = require('../../jest.preset.cjs');
module.exports = { ...preset, displayName: 'nx-plugin', rootDir: __dirname, testPathIgnorePatterns: [...preset.testPathIgnorePatterns, '\\.generated\\.spec\\.ts$'] };
