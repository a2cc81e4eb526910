/**
 * Compiles the server into dist/ with esbuild: `npm start` then runs plain JavaScript instead
 * of compiling TypeScript on every start (tsx took 2–3 s of each start). Our code is bundled
 * into one file per command; npm packages stay imports (`packages: 'external'`). Plain
 * JavaScript so that it runs before anything is compiled.
 *
 *   node server/cli/build-server.mjs      (npm run build:server; npm install runs it too)
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outFile = path.join(root, 'dist/start.js');

/** The newest modification time under server/ (the sources, including the generated Prisma client). */
export function newestSource() {
  let newest = 0;
  for (const entry of readdirSync(path.join(root, 'server'), {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when dist/start.js is missing or older than a source file. */
export function isStale() {
  try {
    return statSync(outFile).mtimeMs < newestSource();
  } catch {
    return true;
  }
}

export async function buildServer() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: {
      start: path.join(root, 'server/cli/start.ts'),
      // the import parser's worker thread, loaded by server/modules/imports/read-upload.ts
      'parse-worker': path.join(root, 'server/modules/imports/parse-worker.ts'),
    },
    outdir: path.join(root, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
  console.log(`Built ${path.relative(root, outFile)}`);
}
