import { Logger } from '@nestjs/common';

/**
 * Runs `pass` on a poll interval and whenever nudged, never two passes at once. A pass that
 * reports more work is followed by another straight away. stop() waits for the pass in flight, so
 * nothing is half-done when the database closes. Drives the outbox relay and the inbox processor,
 * and a domain's own after-commit work (notifications' mail dispatcher).
 */
export class Pump {
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
    this.timer = setTimeout(() => void this.runPass(), delayMs);
    this.timer.unref();
  }

  private async runPass(): Promise<void> {
    if (this.stopped || this.running) return;
    this.again = false;
    let moreWork = false;
    this.running = this.pass().then(
      (more) => void (moreWork = more),
      (error: unknown) => this.logger.error(`pass failed: ${(error as Error).message}`),
    );
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(moreWork || this.again ? 0 : this.intervalMs);
  }
}
