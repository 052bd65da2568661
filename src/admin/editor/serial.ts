/**
 * One writer at a time over the data directory. Publications, the catching-up with the disk and
 * a school's settings save all read the files, decide and write: run side by side, a school's
 * save landing between a publication's read and its write would be overwritten by it.
 */
export class Serial {
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once the tasks queued so far are done. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}
