module.exports = { ...require('../../jest.preset.cjs'), displayName: 'notifications-service', rootDir: __dirname };
