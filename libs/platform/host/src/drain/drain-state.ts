/** Whether this unit has been told to stop: from then on its readiness answers 503 and new work is refused. */
export class DrainState {
  private since: number | undefined;

  get draining(): boolean {
    return this.since !== undefined;
  }

  begin(): void {
    this.since ??= Date.now();
  }
}
