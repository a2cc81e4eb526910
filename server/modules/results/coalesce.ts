/**
 * One query shared by every caller that may use it, without ever answering from before the
 * caller asked. A caller joins a query only if that query starts after the caller arrived:
 * when none is running, it starts one; when one is running (it may have started before a write
 * the caller already saw committed), it waits for the next, which starts the moment the
 * running one ends and serves everyone who arrived meanwhile. So there are at most two queries
 * at a time, one running and one waiting, whatever the number of callers, and each caller sees
 * every commit that finished before it called — as if it had run the query itself.
 */
export class Coalesced<T> {
  private running = false;
  private next: PromiseWithResolvers<T> | null = null;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= Promise.withResolvers<T>();
    return this.next.promise;
  }

  private start(): Promise<T> {
    this.running = true;
    let p: Promise<T>;
    try {
      p = this.query();
    } catch (e) {
      p = Promise.reject(e);
    }
    const done = () => {
      this.running = false;
      const waiting = this.next;
      if (!waiting) return;
      this.next = null;
      // started here, after every caller that is waiting on it arrived
      this.start().then(waiting.resolve, waiting.reject);
    };
    p.then(done, done);
    return p;
  }
}
