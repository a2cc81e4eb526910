/**
 * The bench's editor writing a quarter as a bureau does, through the API: signed in once, then
 * each save or upload sent with the report's current version in If-Match, and timed.
 */
import { request } from './load.ts';

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

/** `n` PUTs of `body` to `url` after one to warm up: the time of each in ms. */
export async function timedPuts(
  editor: BenchEditor,
  reportUrl: string,
  url: string,
  body: string,
  n: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
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
    if (i > 0) times.push(res.ms);
  }
  return times;
}

/** `n` uploads of `file` to `url` after one to warm up: the time of each in ms. */
export async function timedUploads(
  editor: BenchEditor,
  reportUrl: string,
  url: string,
  file: { bytes: Buffer; name: string },
  n: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    const v = await reportVersion(editor, reportUrl);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      // as the save's PUT (load.ts's request): the answer uncompressed, so both writes are
      // measured alike (fetch would ask for brotli, and the import alone would pay for it)
      headers: {
        cookie: editor.cookie,
        'x-csrf-token': editor.csrf,
        'if-match': `"${v}"`,
        'accept-encoding': 'identity',
      },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`import: ${res.status} ${text.slice(0, 600)}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  return times;
}
