/**
 * Limits on an uploaded spreadsheet, checked before it is parsed. A small .xlsx can unpack to a
 * huge sheet (a 509 KB file held a 40 MB sheet and stalled every request for seconds), so the
 * zip's central directory is read first (sizes as declared, nothing inflated), then each part
 * is inflated, counting real bytes, before any XML is read.
 */
import { inflateRawSync } from 'node:zlib';
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

/** The parts of an .xlsx, inflated, by name (`xl/worksheets/sheet1.xml`). */
export type ZipParts = ReadonlyMap<string, Buffer>;

/**
 * The central directory's entries; more than MAX_ZIP_ENTRIES parts, or sizes that declare more
 * than the limit in all, are refused (nothing is inflated).
 */
async function directory(zip: yauzl.ZipFile, limits: UploadLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > MAX_ZIP_ENTRIES) throw new LimitExceeded('zipEntries');
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) throw new LimitExceeded('unpackedSize');
    entries.push(entry);
  }
  return entries;
}

/**
 * The central directory checked (directory()) on the request thread, before a file goes to a
 * worker: a bomb is refused without waking one. A zip that cannot be read is left to the parser.
 */
export async function checkZipDirectory(buf: Buffer, limits: UploadLimits): Promise<void> {
  const zip = await openZip(buf);
  if (!zip) return;
  try {
    await directory(zip, limits);
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
  } finally {
    zip.close();
  }
}

/**
 * The zip's central directory first (directory(): refused before anything is inflated). Then
 * every part is inflated, counting the bytes that really come out: a part that holds more than
 * it declares, or a running total past the limit, is refused. Returns the parts for the
 * template's own reader (template-sheet.ts), or null when the zip cannot be read whole (a
 * damaged or unusual file), which is left to ExcelJS to read or to call unreadable.
 */
export async function unpack(buf: Buffer, limits: UploadLimits): Promise<ZipParts | null> {
  const zip = await openZip(buf);
  if (!zip) return null;
  const parts = new Map<string, Buffer>();
  try {
    const entries = await directory(zip, limits);
    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) return null;
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      const data = buf.subarray(fileDataStart, fileDataStart + entry.compressedSize);
      // what may still come out: the budget left, and never more than the part declares
      const most = Math.min(limits.maxUncompressedBytes - total, entry.uncompressedSize);
      let part: Buffer;
      if (entry.compressionMethod === 0) {
        if (data.length !== entry.uncompressedSize) return null;
        part = data;
      } else if (entry.compressionMethod === 8) {
        try {
          part = inflateRawSync(data, { maxOutputLength: Math.max(1, most) });
        } catch (e) {
          if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
            throw new LimitExceeded('unpackedSize');
          return null; // damaged data
        }
      } else return null;
      if (part.length > most) throw new LimitExceeded('unpackedSize');
      if (part.length !== entry.uncompressedSize) return null;
      total += part.length;
      parts.set(entry.fileName, part);
    }
    return parts;
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    return null;
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

/**
 * What is decided on the request thread before anything is read: the file's size, and a CSV's
 * lines (a count of bytes). An XLSX's central directory is checked by unpack, or by
 * checkZipDirectory before the file goes to a worker.
 */
export function checkBeforeParsing(buf: Buffer, limits: UploadLimits): void {
  if (buf.length > limits.maxFileBytes) throw new LimitExceeded('fileSize');
  if (!isZip(buf)) checkCsvRows(buf, limits);
}
