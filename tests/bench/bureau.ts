/**
 * The bench's editor writing a quarter as a bureau does, through the API: signed in once, then
 * each save or upload sent with the report's current version in If-Match, and timed.
 */
import { request } from './load.ts';

/**
 * Writes made, and not timed, before those timed, as a server that has been running makes them:
 * the app's code for a write runs in V8's interpreter and baseline compilers until it has run
 * many times, so the first ones measure the compilers as much as the write (reads are measured
 * after a warm-up too, load.ts). Measured with no warm-up, p50 of each ten writes in turn: the
 * import 36 → 31 → 30 → 27 → 26 → 27 ms, the save 24 → 22 → 21 → 22 ms, the SQL by hand flat
 * (12 → 11 ms); 30 is where the import settles. What the first writes after a start take is
 * measured too (writes.ts), and shown beside.
 */
export const WARM_UP = 30;

export interface BenchEditor {
  cookie: string;
  csrf: string;
}

/** Signs in the `bench-editor` account the scales create. */
export async function signInBenchEditor(base: string): Promise<BenchEditor> {
  const res = await request(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-editor', password: 'Bench-password-1!' }),
  });
  return {
    cookie: String(res.headers['set-cookie']![0]!.split(';')[0]),
    csrf: JSON.parse(res.body.toString()).csrfToken as string,
  };
}

async function reportVersion(editor: BenchEditor, reportUrl: string): Promise<number> {
  const res = await request(reportUrl, { headers: { cookie: editor.cookie } });
  return JSON.parse(res.body.toString()).version as number;
}

/** One PUT of `body` to `url` with the report's current version (read first, untimed): its ms. */
export async function timedPut(
  editor: BenchEditor,
  reportUrl: string,
  url: string,
  body: string,
): Promise<number> {
  const v = await reportVersion(editor, reportUrl);
  const res = await request(url, {
    method: 'PUT',
    headers: {
      cookie: editor.cookie,
      'x-csrf-token': editor.csrf,
      'content-type': 'application/json',
      'if-match': `"${v}"`,
    },
    body,
  });
  if (res.status !== 200)
    throw new Error(`save: ${res.status} ${res.body.toString().slice(0, 600)}`);
  return res.ms;
}

/**
 * One upload of `file` to `url` with the report's current version: its ms. The form is encoded
 * before the clock starts and sent by the same client as the saves (load.ts's request, no
 * compression asked for), so the two writes are timed alike.
 */
export async function timedUpload(
  editor: BenchEditor,
  reportUrl: string,
  url: string,
  file: { bytes: Buffer; name: string },
): Promise<number> {
  const v = await reportVersion(editor, reportUrl);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const res = await request(url, {
    method: 'POST',
    headers: {
      cookie: editor.cookie,
      'x-csrf-token': editor.csrf,
      'if-match': `"${v}"`,
      'content-type': encoded.headers.get('content-type')!,
    },
    body,
  });
  if (res.status !== 200)
    throw new Error(`import: ${res.status} ${res.body.toString().slice(0, 600)}`);
  return res.ms;
}
