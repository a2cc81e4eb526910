/**
 * The engine's reads through the cache: trajectory, progress, comparison and the country are
 * computed once per change of what they depend on (the province's data version, the national
 * one, and the current quarter, which moves the default periods), then served as kept bytes
 * with an ETag. The services themselves (trajectory/service.ts, progress/progress.ts,
 * comparison.ts, national/aggregate.ts) are unchanged and know nothing of this.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { latestFullQuarter } from '../../domain/periods.ts';
import type { Dimension, Subset } from '../../domain/types.ts';
import { comparison } from '../comparison/comparison.ts';
import { nationalTrajectory } from '../national/aggregate.ts';
import { provinceProgress } from '../progress/progress.ts';
import { compactTrajectory } from '../trajectory/compact.ts';
import { provinceTrajectory } from '../trajectory/service.ts';
import { type CachedAnswer, etagOf } from './cache.ts';
import { clientHasIt, notModified, revalidate, sendAnswer } from './send.ts';
import { readDataVersions } from './versions.ts';

const currentQuarter = () => latestFullQuarter(new Date());

/** A kept answer: its key (hence its ETag), and how to get it (computed when missing). */
export interface Kept<T> {
  key: string;
  answer: () => Promise<CachedAnswer<T>>;
}

/** Sends a kept answer; 304 without computing anything when the client has it. */
export async function serve<T>(request: FastifyRequest, reply: FastifyReply, kept: Kept<T>) {
  const etag = etagOf(kept.key);
  if (clientHasIt(request, etag)) {
    revalidate(reply, etag);
    return notModified(reply);
  }
  return sendAnswer(request, reply, await kept.answer());
}

export async function keptTrajectory(
  app: FastifyInstance,
  code: string,
  opts: { dimension: Dimension; asOf?: string; subset?: Subset | null },
) {
  const v = await readDataVersions(app.db);
  const key = `trajectory|${code}|${opts.dimension}|${opts.subset ?? ''}|${opts.asOf ?? ''}|${v.of(code)}|${currentQuarter()}`;
  return {
    key,
    answer: () =>
      app.results.answer(key, async () =>
        compactTrajectory(await provinceTrajectory(app.db, code, opts)),
      ),
  };
}

export async function keptProgress(app: FastifyInstance, code: string) {
  const v = await readDataVersions(app.db);
  const key = `progress|${code}|${v.of(code)}`;
  return { key, answer: () => app.results.answer(key, () => provinceProgress(app.db, code)) };
}

/**
 * The comparison: the whole answer is kept under every province's version; when one province
 * changed, only its rows are computed again (each province's rows are kept under its own).
 */
export async function keptComparison(
  app: FastifyInstance,
  period: string,
  dimension: Dimension | 'all',
) {
  const v = await readDataVersions(app.db);
  const quarter = currentQuarter();
  const key = `comparison|${period}|${dimension}|${v.all()}|${quarter}`;
  const compute = () =>
    comparison(app.db, period, dimension, (code, rows) =>
      app.results.value(`comparison|${code}|${period}|${dimension}|${v.of(code)}|${quarter}`, rows),
    );
  return { key, answer: () => app.results.answer(key, compute) };
}

/** The country (全国): every province's figures added up, so it depends on every counter. */
export async function keptNational(app: FastifyInstance, dimension: Dimension) {
  const v = await readDataVersions(app.db);
  const key = `national|${dimension}|${v.all()}|${currentQuarter()}`;
  return {
    key,
    answer: () => app.results.answer(key, () => nationalTrajectory(app.db, dimension)),
  };
}
