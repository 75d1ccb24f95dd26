// The journey suites against every unit of one topology (topology/<name>.yaml), unchanged:
// support/monolith.ts starts a TopologyProcess instead of the monolith when FOODCOURT_E2E_TOPOLOGY
// is set. Suites about the monolith process itself (crash, startup-config, readme-walkthrough)
// stay in jest.config.cjs. Logs: tmp/e2e/<topology>/<suite>/<unit>.log.
const base = require('./jest.config.cjs');

// extraction: what only a split topology can show (a unit stopped, each unit's own tables, its transport).
const JOURNEYS = '{checkout,bad-input,journey,consistency,dead-letter,security,extraction,observability}';

/**
 * @param {string} topology file name in topology/, without .yaml
 * @param {{ postgres?: boolean, maxWorkers?: number, also?: string[] }} options postgres: one database per suite and domain;
 *   also: suites (names without .spec.ts) run in this topology only
 */
module.exports = function topologyConfig(topology, { postgres = false, maxWorkers = 1, also = [] } = {}) {
  process.env.FOODCOURT_E2E_TOPOLOGY = topology;
  if (postgres) process.env.FOODCOURT_E2E_POSTGRES ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  return {
    ...base,
    displayName: `e2e-${topology}${postgres ? '-postgres' : ''}`,
    testMatch: [`<rootDir>/src/${JOURNEYS}.spec.ts`, ...also.map((suite) => `<rootDir>/src/${suite}.spec.ts`)],
    testPathIgnorePatterns: base.testPathIgnorePatterns.filter((pattern) => !pattern.includes('extraction') && !also.some((suite) => pattern.includes(suite))),
    // Several processes start per suite (each may take up to 90 s to be ready on a loaded 2-core
    // machine), and some tests restart the whole topology inside the test: room for two start-ups.
    testTimeout: 300_000,
    // Broker topologies leave a stream / queues per suite: deleted once the run is over.
    globalTeardown: '<rootDir>/src/support/purge-brokers.ts',
    maxWorkers,
  };
};
