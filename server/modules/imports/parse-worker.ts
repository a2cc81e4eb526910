/**
 * A worker thread that reads uploaded files (started and kept by read-upload.ts), so that
 * parsing a large spreadsheet never holds up other users' requests. It stays warm between
 * uploads, with ExcelJS loaded once; its heap is capped by the parent (resourceLimits), and the
 * parent terminates it when a file takes too long, and starts another for the next file.
 */
import { parentPort } from 'node:worker_threads';
import type { UploadLimits } from '../../config.ts';
import { parseInstitutionSheet } from '../institutions/parse.ts';
import { isZip, LimitExceeded, unpack } from './limits.ts';
import { parseTemplate } from './parse.ts';

export interface ParseJob {
  bytes: Uint8Array;
  filename: string;
  limits: UploadLimits;
  /** the quarterly template (a row per region) or an institution sheet */
  sheet: 'report' | 'institutions';
}

export type ParseAnswer =
  | { ok: true; parsed: Awaited<ReturnType<typeof parseTemplate>> }
  | { ok: true; institutions: Awaited<ReturnType<typeof parseInstitutionSheet>> }
  | { ok: false; limit: LimitExceeded['limit'] };

/** What the worker posts: 'ready' once ExcelJS is loaded, then one answer per job. */
export type WorkerMessage = 'ready' | ParseAnswer;

async function read({ bytes, filename, limits, sheet }: ParseJob): Promise<ParseAnswer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    // the central directory was checked before; here the parts are inflated once, counting
    // real bytes, and the template's own reader reads them (ExcelJS what it does not follow)
    const parts = isZip(buf) ? await unpack(buf, limits) : null;
    return sheet === 'institutions'
      ? { ok: true, institutions: await parseInstitutionSheet(buf, filename, parts) }
      : { ok: true, parsed: await parseTemplate(buf, filename, limits.maxRows, parts) };
  } catch (e) {
    // an error that is not a limit ends the worker ('error' in the parent)
    if (!(e instanceof LimitExceeded)) throw e;
    return { ok: false, limit: e.limit };
  }
}

await import('exceljs');
parentPort!.on('message', async (job: ParseJob) => parentPort!.postMessage(await read(job)));
parentPort!.postMessage('ready' satisfies WorkerMessage);
