/**
 * Limits on an uploaded spreadsheet, checked before it is parsed. A small .xlsx can unpack to a
 * huge sheet (a 509 KB file held a 40 MB sheet and stalled every request for seconds), so the
 * zip's central directory is read first (sizes as declared, nothing inflated), and the worker
 * that parses inflates each part once more, counting real bytes, before ExcelJS sees it.
 */
import yauzl from 'yauzl';
import type { UploadLimits } from '../../config.ts';

export type LimitName = 'fileSize' | 'unpackedSize' | 'zipEntries' | 'rows' | 'time' | 'memory';

/** A file over one of the limits: answered 413 (or 422 when reading it took too long or too much memory). */
export class LimitExceeded extends Error {
  // (a plain field, not a parameter property: the worker runs this file with Node's type stripping)
  readonly limit: LimitName;
  constructor(limit: LimitName) {
    super(`upload limit exceeded: ${limit}`);
    this.limit = limit;
  }
}

/** An .xlsx has a few dozen parts; thousands are a sign of a crafted file. */
export const MAX_ZIP_ENTRIES = 500;

/** Columns read from each row: the template has about 16, anything past this is ignored. */
export const MAX_COLUMNS = 64;

export const isZip = (buf: Buffer) => buf[0] === 0x50 && buf[1] === 0x4b;

async function openZip(buf: Buffer) {
  try {
    return await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    return null; // not a readable zip: the parser answers "cannot be read" without unpacking anything
  }
}

/** Sizes as the central directory declares them; nothing is inflated. */
export async function checkZipDirectory(buf: Buffer, limits: UploadLimits): Promise<void> {
  const zip = await openZip(buf);
  if (!zip) return;
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new LimitExceeded('zipEntries');
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new LimitExceeded('unpackedSize');
    }
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
  } finally {
    zip.close();
  }
}

/**
 * Inflates every part, counting the bytes that really come out: a part that declares less than
 * it holds is cut off by yauzl (validateEntrySizes), and the running total stops at the limit.
 */
export async function checkUnpackedSize(buf: Buffer, limits: UploadLimits): Promise<void> {
  const zip = await openZip(buf);
  if (!zip) return;
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > limits.maxUncompressedBytes) {
          stream.destroy();
          throw new LimitExceeded('unpackedSize');
        }
      }
    }
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    // a part that holds more than its header declares is a crafted file; other damage is left
    // to the parser, which answers that the file cannot be read
    if (/too many bytes/.test(String(e))) throw new LimitExceeded('unpackedSize');
  } finally {
    zip.close();
  }
}

/** A CSV's lines, counted on the bytes (a quoted line break counts too, erring on the safe side). */
export function checkCsvRows(buf: Buffer, limits: UploadLimits): void {
  let lines = 1;
  for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) {
    if (++lines > limits.maxRows + 1) throw new LimitExceeded('rows');
  }
}

/** Everything that can be decided before parsing: the file's size, its unpacked size or its lines. */
export async function checkBeforeParsing(buf: Buffer, limits: UploadLimits): Promise<void> {
  if (buf.length > limits.maxFileBytes) throw new LimitExceeded('fileSize');
  if (isZip(buf)) await checkZipDirectory(buf, limits);
  else checkCsvRows(buf, limits);
}
