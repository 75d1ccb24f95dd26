module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'platform-host', rootDir: __dirname };
