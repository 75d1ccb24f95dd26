module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'notifications-contract', rootDir: __dirname };
