// `npm run test:integration`: the journey suites against topology/split-nats.yaml (gateway + 6 services,
// calls and events over NATS at NATS_URL), one PostgreSQL database per domain.
module.exports = require('./jest.topology.cjs')('split-nats', { postgres: true, maxWorkers: 1 });
