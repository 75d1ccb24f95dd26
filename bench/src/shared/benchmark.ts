import type { SectionResult } from './report';

/** What the runner hands every benchmark. */
export interface BenchContext {
  /** Short runs that only prove the harness works (CI); no thresholds. */
  quick: boolean;
  /** The command line as typed, for the report. */
  command: string;
  /** A scratch folder of this run (data dirs, logs), under tmp/bench/. */
  workDir: string;
  /** Date.now() by which the whole run should be over (npm run bench: 15 min, bench:quick: 3 min); long steps bound themselves by it. */
  deadline: number;
}

/** One benchmark of the issue (B1…B6): one module under bench/src each. */
export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<SectionResult>;
}
