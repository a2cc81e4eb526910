/**
 * Reads an uploaded template off the request thread: the limits that need no parsing are
 * checked first, then a worker thread parses the file with a capped heap and a deadline, and at
 * most `parallelParses` files are read at once (the others wait their turn).
 */
import { Worker } from 'node:worker_threads';
import type { UploadLimits } from '../../config.ts';
import { Problem } from '../../plugins/problem.ts';
import { MAX_SHEET_LINES } from '../institutions/columns.ts';
import { checkBeforeParsing, LimitExceeded, type LimitName } from './limits.ts';
import type { ParseAnswer, ParseJob } from './parse-worker.ts';

// from the sources (tsx, tests) the worker is the .ts file beside this one; in the compiled
// server (dist/start.js) it is dist/parse-worker.js, built next to it
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js',
  import.meta.url,
);

export type Parsed = Extract<ParseAnswer, { parsed: unknown }>['parsed'];
export type ParsedInstitutions = Extract<ParseAnswer, { institutions: unknown }>['institutions'];

/**
 * Returns a reader bound to these limits, with its own queue: `read` for the quarterly
 * template, `institutions` for an institution sheet (whose line limit is its row limit).
 */
export function uploadReader(limits: UploadLimits) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  async function inWorker(job: ParseJob): Promise<Extract<ParseAnswer, { ok: true }>> {
    await checkBeforeParsing(job.bytes as Buffer, job.limits);
    if (running < limits.parallelParses) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await parseInWorker({ ...job, bytes: new Uint8Array(job.bytes) });
    } finally {
      release();
    }
  }
  return {
    async read(buf: Buffer, filename: string): Promise<Parsed> {
      try {
        const answer = await inWorker({ bytes: buf, filename, limits, sheet: 'report' });
        return (answer as Extract<ParseAnswer, { parsed: unknown }>).parsed;
      } catch (e) {
        if (e instanceof LimitExceeded) throw limitProblem(e.limit, limits);
        throw e;
      }
    },
    /** `tooManyRows` is the caller's to answer (the same answer as a JSON save over the limit) */
    async institutions(
      buf: Buffer,
      filename: string,
      tooManyRows: () => Error,
    ): Promise<ParsedInstitutions> {
      // 20,000 institutions as XLSX unpack to about 9 MB with short names (measured): the
      // default 10 MB would refuse a real sheet of the allowed size, so it is at least 24 MB here
      const sheetLimits = {
        ...limits,
        maxRows: MAX_SHEET_LINES,
        maxUncompressedBytes: Math.max(limits.maxUncompressedBytes, INSTITUTION_SHEET_UNPACKED),
      };
      try {
        const answer = await inWorker({
          bytes: buf,
          filename,
          limits: sheetLimits,
          sheet: 'institutions',
        });
        return (answer as Extract<ParseAnswer, { institutions: unknown }>).institutions;
      } catch (e) {
        if (e instanceof LimitExceeded && e.limit === 'rows') throw tooManyRows();
        if (e instanceof LimitExceeded) throw limitProblem(e.limit, sheetLimits);
        throw e;
      }
    },
  };
}

const INSTITUTION_SHEET_UNPACKED = 24 * 1024 * 1024;

function parseInWorker(job: ParseJob): Promise<Extract<ParseAnswer, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: {
        maxOldGenerationSizeMb: job.limits.parseMemoryMb,
        maxYoungGenerationSizeMb: Math.min(32, job.limits.parseMemoryMb / 4),
      },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new LimitExceeded('time'))),
      job.limits.parseTimeoutMs,
    );
    worker.on('message', (answer: ParseAnswer) =>
      settle(() => (answer.ok ? resolve(answer) : reject(new LimitExceeded(answer.limit)))),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LimitExceeded('memory') : e)),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`import parser exited with code ${code} before answering`))),
    );
  });
}

const MB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The problem+json for each limit: 413 for a file over a size limit, 422 for one too costly to read. */
export function limitProblem(limit: LimitName, limits: UploadLimits): Problem {
  const messages: Record<LimitName, [number, string, string, string]> = {
    fileSize: [
      413,
      'fileTooLarge',
      `文件过大（上限 ${MB(limits.maxFileBytes)}）`,
      `File too large (${MB(limits.maxFileBytes)} at most)`,
    ],
    unpackedSize: [
      413,
      'unpackedTooLarge',
      `XLSX 解压后过大（上限 ${MB(limits.maxUncompressedBytes)}）：请只保留模板工作表后另存`,
      `The XLSX unpacks to more than ${MB(limits.maxUncompressedBytes)}: keep only the template's sheet and save it again`,
    ],
    zipEntries: [
      413,
      'unpackedTooLarge',
      'XLSX 文件包含的部件过多，不是填报模板',
      'The XLSX holds too many parts to be the template',
    ],
    rows: [
      413,
      'tooManyRows',
      `文件行数过多（上限 ${limits.maxRows} 行）`,
      `Too many rows (${limits.maxRows} at most)`,
    ],
    time: [
      422,
      'fileTooComplex',
      `文件在 ${limits.parseTimeoutMs / 1000} 秒内未能读完：请只保留模板工作表后另存`,
      `The file could not be read within ${limits.parseTimeoutMs / 1000} s: keep only the template's sheet and save it again`,
    ],
    memory: [
      422,
      'fileTooComplex',
      `读取该文件所需内存超过 ${limits.parseMemoryMb} MB：请只保留模板工作表后另存`,
      `Reading the file needs more than ${limits.parseMemoryMb} MB: keep only the template's sheet and save it again`,
    ],
  };
  const [status, code, zh, en] = messages[limit];
  return new Problem(status, code, zh, en, [{ path: '/body/file', code: limit, zh, en }], {
    limit,
  });
}
