module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'search-contract', rootDir: __dirname };
