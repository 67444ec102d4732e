/** How long shutdown (closeDeps) waits for reply emails in flight. */
export const SHUTDOWN_WAIT_MS = 5000;

/**
 * Emails being sent outside any request, one set per process (held in Deps, made by
 * createDeps): shutdown (closeDeps) and tests wait for them; requests never do.
 */
export class PendingTasks {
  private readonly tasks = new Set<Promise<void>>();

  /** Runs a task in the background and keeps it until it ends (it must not reject). */
  track(task: Promise<void>): void {
    const kept = task.finally(() => this.tasks.delete(kept));
    this.tasks.add(kept);
  }

  /** Resolves once every task started so far (and any they started) has ended. */
  async settled(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  /** Waits for the tasks at most `ms`, so a hung SMTP server cannot hold shutdown. */
  async settledWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([this.settled(), timeout]);
    clearTimeout(timer);
  }
}
