// Setup file of jest.faults.config.cjs's fuzz project: fuzz.spec.ts runs on split-tcp there, as in
// `npm test` (it sends messages straight to the units' TCP transport). Jest gives each test file its
// own copy of process.env, so the fault suites are not affected.
process.env['FOODCOURT_E2E_TOPOLOGY'] = 'split-tcp';
// FUZZ_RUNS cases per target (10,000 by default here) take minutes per test, not the suite's 300 s.
jest.setTimeout(900_000);
