const started = Date.now();

/** One progress line on stderr, with the time since the bench started: a long run shows what it is doing. */
export function progress(benchmark: string, message: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${elapsed} s] ${benchmark}: ${message}\n`);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
