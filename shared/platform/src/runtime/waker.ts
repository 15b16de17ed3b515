/**
 * A sleep that `wake()` ends early: a poller waits for its next poll or for a kick (a commit in this
 * process, a slot freed), whichever comes first. A kick while nobody sleeps is dropped: the poller is
 * already working and looks again before it sleeps.
 */
export class Waker {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
