/**
 * Reads an uploaded template: the limits that need no parsing are checked first, then a worker
 * thread parses the file with a capped heap and a deadline, and at most `parallelParses` files
 * are read at once (the others wait their turn). The workers stay warm between uploads:
 * starting one and loading ExcelJS in it took longer than reading a 400-row template.
 *
 * A small file the template's own reader follows (the template as handed out, or saved again
 * by Excel or WPS) is read on the request thread instead (`readSmall`): no more work than
 * parsing a JSON save of the same rows, which the request thread does too, and without the two
 * hand-offs between threads, which took longer than the reading.
 */
import { Worker } from 'node:worker_threads';
import type { UploadLimits } from '../../config.ts';
import { Problem } from '../../plugins/problem.ts';
import { MAX_SHEET_LINES } from '../institutions/columns.ts';
import {
  checkBeforeParsing,
  checkZipDirectory,
  isZip,
  LimitExceeded,
  type LimitName,
  unpack,
} from './limits.ts';
import { isXlsxFile, type ParsedTemplate, parseCsv, templateRows } from './parse.ts';
import type { ParseAnswer, ParseJob, WorkerMessage } from './parse-worker.ts';
import { readTemplateSheet } from './template-sheet.ts';

// from the sources (tsx, tests) the worker is the .ts file beside this one; in the compiled
// server (dist/start.js) it is dist/parse-worker.js, built next to it
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js',
  import.meta.url,
);

export type Parsed = Extract<ParseAnswer, { parsed: unknown }>['parsed'];
export type ParsedInstitutions = Extract<ParseAnswer, { institutions: unknown }>['institutions'];

/**
 * Returns a reader bound to these limits, with its own warm workers and queue: `read` for the
 * quarterly template, `institutions` for an institution sheet (whose line limit is its row
 * limit), `close` to end the workers (the app's onClose).
 */
export function uploadReader(limits: UploadLimits) {
  const pool = new ParserPool(limits);
  async function inWorker(job: ParseJob): Promise<Extract<ParseAnswer, { ok: true }>> {
    // a bomb is refused here, without waking a worker (one may have to start and load ExcelJS)
    if (isZip(job.bytes as Buffer)) await checkZipDirectory(job.bytes as Buffer, job.limits);
    return pool.parse({ ...job, bytes: new Uint8Array(job.bytes) });
  }
  return {
    close: () => pool.close(),
    async read(buf: Buffer, filename: string): Promise<Parsed> {
      try {
        checkBeforeParsing(buf, limits);
        const small = await readSmall(buf, filename, limits);
        if (small) return small;
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
        checkBeforeParsing(buf, sheetLimits);
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

/**
 * What a small file may unpack to and still be read on the request thread: a 400-row template
 * is about 40 KB and unpacks to about 200 KB; inflating and reading 1 MB of sheet XML takes a
 * few milliseconds.
 */
const SMALL_UNPACKED = 1024 * 1024;

/**
 * A small file read on the request thread, or undefined: a file over IMPORT_SMALL_FILE_KB, one
 * the template's own reader gives way on (ExcelJS reads that, in a worker), and one refused
 * while unpacking within SMALL_UNPACKED (the worker decides with the real limits) go to a
 * worker. A small CSV (its lines were counted) is read here.
 */
async function readSmall(
  buf: Buffer,
  filename: string,
  limits: UploadLimits,
): Promise<ParsedTemplate | undefined> {
  if (buf.length > limits.smallFileBytes) return undefined;
  if (!isXlsxFile(buf, filename)) return templateRows(parseCsv(buf, limits.maxRows), undefined);
  if (!isZip(buf)) return undefined;
  const capped = {
    ...limits,
    maxUncompressedBytes: Math.min(limits.maxUncompressedBytes, SMALL_UNPACKED),
  };
  const parts = await unpack(buf, capped).catch((e) => {
    if (e instanceof LimitExceeded) return null;
    throw e;
  });
  const sheet = parts && readTemplateSheet(parts, limits.maxRows);
  return sheet ? templateRows(sheet.cells, sheet) : undefined;
}

/**
 * No listeners of ours left but one that ignores a late error (a worker being terminated). By
 * event name: the Worker's own listeners (which ref its message port) must stay.
 */
const quiet = (worker: Worker) => {
  for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
  worker.on('error', () => {});
};

interface Parser {
  worker: Worker;
  /** settles once ExcelJS is loaded: the time limit counts from then (the file's cost only) */
  ready: Promise<void>;
}

/**
 * Up to `parallelParses` workers, kept warm. A worker that hit the time or heap limit, or
 * failed, is terminated and never reused: the next file gets a fresh one.
 */
class ParserPool {
  private readonly idle: Parser[] = [];
  private readonly waiting: ((p: Parser) => void)[] = [];
  private live = 0;
  private closed = false;

  constructor(private readonly limits: UploadLimits) {}

  async parse(job: ParseJob): Promise<Extract<ParseAnswer, { ok: true }>> {
    const parser = await this.take();
    let sound = false;
    try {
      const answer = await this.run(parser, job);
      sound = true;
      return answer;
    } catch (e) {
      // a file refused by its own answer (rows, unpacked size) leaves the worker sound
      sound = e instanceof LimitExceeded && e.limit !== 'time' && e.limit !== 'memory';
      throw e;
    } finally {
      this.give(parser, sound);
    }
  }

  private take(): Promise<Parser> {
    const parser = this.idle.pop();
    if (parser) return Promise.resolve(parser);
    if (this.live < this.limits.parallelParses) return Promise.resolve(this.start());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(parser: Parser, sound: boolean): void {
    quiet(parser.worker);
    if (!sound || this.closed) {
      this.live--;
      void parser.worker.terminate();
      const next = this.waiting.shift();
      if (next) next(this.start());
      return;
    }
    const next = this.waiting.shift();
    if (next) next(parser);
    else {
      parser.worker.unref(); // an idle worker does not keep the process alive
      this.idle.push(parser);
    }
  }

  private start(): Parser {
    this.live++;
    const worker = new Worker(workerFile, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.parseMemoryMb,
        maxYoungGenerationSizeMb: Math.min(32, this.limits.parseMemoryMb / 4),
      },
      stdout: true,
      stderr: true,
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: WorkerMessage) =>
        m === 'ready' ? resolve() : reject(new Error('import parser answered before it was ready')),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`import parser exited with code ${code}`)));
    });
    ready.catch(() => {}); // the file waiting on it sees the error
    return { worker, ready };
  }

  private async run(
    { worker, ready }: Parser,
    job: ParseJob,
  ): Promise<Extract<ParseAnswer, { ok: true }>> {
    worker.ref();
    await ready;
    quiet(worker);
    return new Promise((resolve, reject) => {
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        quiet(worker);
        fn();
      };
      const timer = setTimeout(
        () => settle(() => reject(new LimitExceeded('time'))),
        job.limits.parseTimeoutMs,
      );
      worker.once('message', (answer: ParseAnswer) =>
        settle(() => (answer.ok ? resolve(answer) : reject(new LimitExceeded(answer.limit)))),
      );
      worker.once('error', (e: Error & { code?: string }) =>
        settle(() =>
          reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LimitExceeded('memory') : e),
        ),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`import parser exited with code ${code} before answering`))),
      );
      worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    this.live -= idle.length;
    await Promise.all(idle.map((p) => p.worker.terminate()));
  }
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
