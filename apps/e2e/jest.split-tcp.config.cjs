// `npm test`: the journey suites against topology/split-tcp.yaml (gateway + 6 services over TCP), on SQLite.
// Seven processes per suite: one suite at a time on a 2-core machine.
module.exports = require('./jest.topology.cjs')('split-tcp', { maxWorkers: 1 });
