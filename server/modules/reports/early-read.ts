/**
 * A save's read (readForSave) begun as soon as a request is known to be a save the user may
 * make: in the route's preParsing hook, before its body (400 rows of JSON, or a file) has come
 * in and been parsed. The handler takes it with `of(request)`; a request refused afterwards
 * (a body the schema refuses, a file that cannot be read) leaves it unread.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { mayEnterReport } from '../../permissions/reports.ts';
import { readForSave, type SaveRead } from './save.ts';

export function earlyRead(db: Db) {
  const reads = new WeakMap<FastifyRequest, SaveRead>();
  return {
    preParsing: async (request: FastifyRequest) => {
      const { code, period } = request.params as { code: string; period: string };
      if (mayEnterReport(request.user, code) && parsePeriod(period))
        reads.set(request, readForSave(db, code, period));
    },
    of: (request: FastifyRequest) => reads.get(request),
  };
}
