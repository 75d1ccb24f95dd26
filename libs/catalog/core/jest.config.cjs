module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'catalog-core', rootDir: __dirname };
