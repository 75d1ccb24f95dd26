import { Logger } from '@nestjs/common';

/**
 * Runs `pass` every `intervalMs` and whenever nudged, never two at once; a pass that reports more
 * work is followed by another straight away. stop() waits for the pass in flight, so nothing is
 * half-done when the database closes. (The platform's Pump does the same for the relay and the
 * inbox but is internal to messaging.)
 */
export class RepeatingPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<boolean>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (after the current one, if any). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.again = false;
    let more = false;
    this.running = this.pass().then(
      (result) => void (more = result),
      (error: unknown) => this.logger.error(`pass failed: ${(error as Error).message}`),
    );
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(more || this.again ? 0 : this.intervalMs);
  }
}
