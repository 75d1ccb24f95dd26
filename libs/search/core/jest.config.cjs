module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'search-core', rootDir: __dirname };
