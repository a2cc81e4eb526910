/**
 * One vocabulary: the words on screen (web catalogues), in the exports (chart CSVs, the
 * server's CSV/XLSX) and in the README are the ones server/domain/vocabulary.ts declares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_END, GLOSSARY_START, glossaryMarkdown } from '../../server/domain/glossary.ts';
import { COLUMN_WORDS, RETIRED_WORDS, VOCABULARY } from '../../server/domain/vocabulary.ts';
import { comparisonTable, completenessTable } from '../../server/modules/comparison/export.ts';
import {
  compareColumns,
  completenessColumns,
  gapGridColumns,
  rankingColumns,
  regionColumns,
  trajectoryColumns,
} from '../../web/src/charts/columns.ts';
import en from '../../web/src/i18n/en.ts';
import { translatorFor } from '../../web/src/i18n/testing.ts';
import zhCN from '../../web/src/i18n/zh-CN.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const DIMS = ['regions', 'institutions', 'diseaseGroups', 'fund'] as const;

/** Every string value of a catalogue, with its key path. */
function strings(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [[`${prefix}${k}`, v] as [string, string]]
      : strings(v, `${prefix}${k}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

describe('one vocabulary', () => {
  it('the web shows every word as vocabulary.ts declares it, in Chinese and in English', async () => {
    const zh = await translatorFor('zh-CN');
    const eng = await translatorFor('en');
    for (const [section, words] of Object.entries(VOCABULARY))
      for (const [code, word] of Object.entries(words)) {
        expect(zh(`${section}.${code}`), `${section}.${code}`).toBe(word.zh);
        expect(eng(`${section}.${code}`), `${section}.${code}`).toBe(word.en);
      }
  });

  it('every header of a chart’s CSV and of a server export is a column word', async () => {
    const columnWords = new Set(Object.values(COLUMN_WORDS).map((w) => w.zh));
    const columnWordsEn = new Set(Object.values(COLUMN_WORDS).map((w) => w.en));
    const zh = await translatorFor('zh-CN');
    const eng = await translatorFor('en');
    const dimensionWords = Object.values(VOCABULARY.dimension);
    /** a per-dimension header is "<dimension> <column>" */
    const bare = (h: string) => {
      for (const d of dimensionWords)
        for (const name of [d.zh, d.en])
          if (h.startsWith(`${name} `)) return h.slice(name.length + 1);
      return h;
    };
    for (const [t, lang, words] of [
      [zh, 'zh-CN', columnWords],
      [eng, 'en', columnWordsEn],
    ] as const) {
      const headers = [
        ...trajectoryColumns(t, lang),
        ...compareColumns(t, lang),
        ...gapGridColumns(t, lang, DIMS),
        ...rankingColumns(t, lang),
        ...completenessColumns(t, lang),
        ...regionColumns(t, lang, DIMS),
      ].map((c) => bare(c.header));
      const server = [
        ...comparisonTable(
          {
            period: '2024Q4',
            dimensions: [...DIMS],
            isDemo: false,
            rule: '',
            national: { slug: 'n', versionId: 1, version: 1, documentNumber: '医保发〔2021〕48号' },
            rows: [],
          },
          lang,
        ).columns,
        ...completenessTable({ period: '2024Q4', deadline: '2025-01-15', rows: [] }, lang).columns,
      ].map((c) => c.header);
      for (const h of [...headers, ...server]) expect(words, `${lang}: ${h}`).toContain(h);
    }
  });

  it('the README glossary is the vocabulary, word for word', () => {
    const readme = read('README.md');
    const start = readme.indexOf(GLOSSARY_START);
    const end = readme.indexOf(GLOSSARY_END);
    expect(start, 'README has the glossary markers').toBeGreaterThan(-1);
    // the formatter pads table cells; compare cell by cell
    const cells = (md: string) =>
      md
        .split('\n')
        .filter((l) => l.trim())
        .map((l) =>
          l.startsWith('|')
            ? l
                .split('|')
                .map((c) => c.trim().replace(/^-+$/, '---'))
                .join('|')
            : l.trim(),
        );
    expect(cells(readme.slice(start, end + GLOSSARY_END.length))).toEqual(
      cells(glossaryMarkdown()),
    );
  });

  it('words it replaced do not come back: not on screen, not in the server, not in the README', () => {
    const texts: [string, string][] = [
      ...strings(zhCN).map(([k, v]): [string, string] => [`zh-CN ${k}`, v]),
      ...strings(en).map(([k, v]): [string, string] => [`en ${k}`, v]),
      ['README.md', read('README.md')],
      ...[...sourceFiles('server'), ...sourceFiles('web/src')]
        .filter((f) => !f.endsWith('vocabulary.ts'))
        .map((f): [string, string] => [f, read(f)]),
    ];
    for (const [where, text] of texts)
      for (const [old, now] of Object.entries(RETIRED_WORDS))
        expect(text.includes(old), `${where} says “${old}”; the word is “${now}”`).toBe(false);
  });
});
