// `npm test`: the journey suites against topology/payments-extracted.yaml (monolith + payments over TCP), on SQLite.
module.exports = require('./jest.topology.cjs')('payments-extracted', { maxWorkers: 2 });
