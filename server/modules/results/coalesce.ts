/**
 * One query shared by every caller that may use it, without ever answering from before the
 * caller asked. A caller joins a query only if that query starts after the caller arrived.
 * Callers that arrive while none runs wait for one started at the end of this turn of the event
 * loop (setImmediate), so requests that came in together (one poll of the sockets) share it;
 * callers that arrive while one runs (it may have started before a write the caller already saw
 * committed) wait for the next, which starts the moment the running one ends and serves
 * everyone who arrived meanwhile. So there are at most two queries at a time, one running and
 * one waiting, whatever the number of callers, and each caller sees every commit that finished
 * before it called — as if it had run the query itself.
 */
export class Coalesced<T> {
  private running = false;
  private scheduled = false;
  /** the callers waiting for a query that has not started yet */
  private next: PromiseWithResolvers<T> | null = null;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    this.next ??= Promise.withResolvers<T>();
    if (!this.running && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        if (!this.running) this.start();
      });
    }
    return this.next.promise;
  }

  /** Starts a query for everyone waiting; it began after each of them arrived. */
  private start(): void {
    const waiting = this.next;
    if (!waiting) return;
    this.next = null;
    this.running = true;
    let p: Promise<T>;
    try {
      p = this.query();
    } catch (e) {
      p = Promise.reject(e);
    }
    const done = () => {
      this.running = false;
      this.start();
    };
    p.then(waiting.resolve, waiting.reject).then(done);
  }
}
