import { Bench } from 'tinybench';
import { progress } from './progress';
import { rotate } from './stats';

/** Something measured in-process: one call of `call` is one operation. */
export interface MicroSubject {
  key: string;
  label: string;
  call: () => unknown;
}

export interface MicroOptions {
  /** Named in progress lines. */
  benchmark: string;
  rounds: number;
  /** tinybench time budget per task and round, ms. */
  taskTimeMs: number;
  /** Calls of each subject before round 1 (JIT warm-up). */
  warmupCalls: number;
  /** Calls per sample in the batched mode. */
  batch: number;
  /** Also measure one call per sample (tinybench's default: includes the timer and one extra await). */
  single?: boolean;
  /** One progress line per round. */
  describeRound?: (round: number, batched: Map<string, number[]>) => string;
}

/** Per subject, the median time per operation (ns) of each round: batched, and single when asked. */
export interface MicroResult {
  batched: Map<string, number[]>;
  single: Map<string, number[]>;
}

/**
 * Runs every subject in `rounds` tinybench rounds, the order rotating from round to round (so each
 * subject and its peers alternate), after a warm-up. A batched sample times `batch` sequential awaited
 * calls and divides: the timer and harness overhead are amortized.
 */
export async function measureMicro(subjects: MicroSubject[], options: MicroOptions): Promise<MicroResult> {
  progress(options.benchmark, `warm-up: ${options.warmupCalls} calls of each of ${subjects.length} subjects`);
  for (const subject of subjects) for (let i = 0; i < options.warmupCalls; i++) await subject.call();

  const batched = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  const single = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({ time: options.taskTimeMs, warmupTime: Math.min(100, options.taskTimeMs), iterations: 32 });
    for (const subject of rotate(subjects, round)) {
      bench.add(`${subject.key}|batched`, async () => {
        const t0 = bench.now();
        for (let i = 0; i < options.batch; i++) await subject.call();
        const elapsed = bench.now() - t0;
        return { overriddenDuration: elapsed / options.batch, overriddenIterationCost: elapsed };
      });
      if (options.single) bench.add(`${subject.key}|single`, async () => subject.call(), { async: true });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const [key, mode] = task.name.split('|') as [string, string];
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${options.benchmark}: task ${task.name} did not complete (${result.state})`);
      (mode === 'batched' ? batched : single).get(key)!.push(result.latency.p50 * 1e6);
    }
    if (options.describeRound) progress(options.benchmark, `round ${round + 1}/${options.rounds}: ${options.describeRound(round, batched)}`);
  }
  return { batched, single };
}
