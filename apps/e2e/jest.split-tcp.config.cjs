// `npm test`: the journey suites against topology/split-tcp.yaml (gateway + 6 services over TCP), on SQLite.
// Seven processes per suite: one suite at a time on a 2-core machine. fuzz.spec.ts runs here only: it needs the
// units' TCP transport, and one topology is enough to run it (test:faults runs it with FUZZ_RUNS=8000).
module.exports = require('./jest.topology.cjs')('split-tcp', { maxWorkers: 1, also: ['fuzz'] });
