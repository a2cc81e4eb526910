import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Each built script, stylesheet and page also as `.br` and `.gz`, compressed once at the
 * highest levels: the server sends these as they are (@fastify/static's `preCompressed`)
 * instead of compressing ~700 KB of scripts again for every visitor.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'drgdip-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => /\.(js|css|html|svg)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const raw = await readFile(file);
          const size = raw.length;
          await writeFile(
            `${file}.br`,
            await brotli(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
              },
            }),
          );
          await writeFile(`${file}.gz`, await gzip(raw, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), precompress()],
  build: { outDir: path.join(here, 'dist'), emptyOutDir: true, sourcemap: false },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
