module.exports = { ...require('../../jest.preset.cjs'), displayName: 'contract-registry', rootDir: __dirname };
