/**
 * The worker thread that reads one uploaded file (started by read-upload.ts), so that parsing a
 * large spreadsheet never holds up other users' requests. Its heap is capped by the parent
 * (resourceLimits) and it is terminated when it takes too long.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { UploadLimits } from '../../config.ts';
import { parseInstitutionSheet } from '../institutions/parse.ts';
import { checkUnpackedSize, isZip, LimitExceeded } from './limits.ts';
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

const { bytes, filename, limits, sheet } = workerData as ParseJob;
const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
let answer: ParseAnswer;
try {
  // the central directory was checked before; here the parts are inflated once, counting real bytes
  if (isZip(buf)) await checkUnpackedSize(buf, limits);
  answer =
    sheet === 'institutions'
      ? { ok: true, institutions: await parseInstitutionSheet(buf, filename) }
      : { ok: true, parsed: await parseTemplate(buf, filename, limits.maxRows) };
} catch (e) {
  if (!(e instanceof LimitExceeded)) throw e;
  answer = { ok: false, limit: e.limit };
}
parentPort!.postMessage(answer);
