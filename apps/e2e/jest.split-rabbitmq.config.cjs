// `npm run test:integration`: the journey suites against topology/split-rabbitmq.yaml (gateway + 6 services,
// calls and events over RabbitMQ at RABBITMQ_URL), one PostgreSQL database per domain.
module.exports = require('./jest.topology.cjs')('split-rabbitmq', { postgres: true, maxWorkers: 1 });
