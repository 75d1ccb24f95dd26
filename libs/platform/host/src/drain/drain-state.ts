/** Whether this unit has been told to stop: from then on its readiness answers 503 and new work is refused. */
export class DrainState {
  private told = false;

  get draining(): boolean {
    return this.told;
  }

  begin(): void {
    this.told = true;
  }
}
