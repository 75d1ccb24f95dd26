module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'catalog-contract', rootDir: __dirname };
