module.exports = { ...require('../../jest.preset.cjs'), displayName: 'search-service', rootDir: __dirname };
