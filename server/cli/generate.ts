/**
 * Generates the Prisma client (run by `npm install`). The CLI would try to download its
 * schema engine first; generation never uses it, so any executable stands in for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';

const stub = existsSync('/bin/true') ? '/bin/true' : process.execPath;
const cli = path.join(projectRoot, 'node_modules/prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], {
  cwd: projectRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_GENERATE_NO_ENGINE: '1',
  },
});
process.exit(result.status ?? 1);
