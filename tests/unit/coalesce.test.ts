import { describe, expect, it } from 'vitest';
import { Coalesced } from '../../server/modules/results/coalesce.ts';

/** A query whose answers the test releases by hand: the n-th query answers n. */
function controlledQuery() {
  const started: PromiseWithResolvers<number>[] = [];
  const query = () => {
    const q = Promise.withResolvers<number>();
    started.push(q);
    return q.promise;
  };
  const finish = (i: number) => started[i]!.resolve(i + 1);
  return { query, started, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('reads of the data versions share a query, never one that began before them', () => {
  it('reads arriving together share one query, started after the last of them', async () => {
    const q = controlledQuery();
    const reads = new Coalesced(q.query);
    const a = reads.read();
    const b = reads.read();
    // nothing asked yet: the query starts once this turn of the event loop is over
    expect(q.started).toHaveLength(0);
    await tick();
    expect(q.started).toHaveLength(1);
    q.finish(0);
    expect(await Promise.all([a, b])).toEqual([1, 1]);
  });

  it('a read arriving after its query started does not take that answer', async () => {
    const q = controlledQuery();
    const reads = new Coalesced(q.query);
    const a = reads.read();
    await tick();
    const b = reads.read();
    expect(q.started).toHaveLength(1);
    q.finish(0);
    expect(await a).toBe(1);
    await tick();
    expect(q.started).toHaveLength(2);
    q.finish(1);
    expect(await b).toBe(2);
  });

  it('every read arriving during a query waits for one next query, started after them', async () => {
    const q = controlledQuery();
    const reads = new Coalesced(q.query);
    const first = reads.read();
    await tick();
    const during = Array.from({ length: 16 }, () => reads.read());
    expect(q.started).toHaveLength(1);
    q.finish(0);
    await first;
    await tick();
    expect(q.started).toHaveLength(2);
    q.finish(1);
    expect(await Promise.all(during)).toEqual(Array(16).fill(2));
    // nothing waits any more: the next read starts its own query
    const later = reads.read();
    await tick();
    expect(q.started).toHaveLength(3);
    q.finish(2);
    expect(await later).toBe(3);
  });

  it('a failed query fails the reads that joined it, and the next read asks again', async () => {
    let n = 0;
    const reads = new Coalesced(async () => {
      n++;
      if (n === 1) throw new Error('database down');
      return n;
    });
    await expect(reads.read()).rejects.toThrow('database down');
    expect(await reads.read()).toBe(2);
  });
});
