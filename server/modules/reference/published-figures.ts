/**
 * seeds/published-figures.yaml: the national figures NHSA has published, drawn as reference
 * points on the national chart. They are constants of record, referred to by nothing else,
 * so they are read from the reviewed file (validated here, and by `npm run seeds:check`)
 * rather than copied into the database.
 */
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { isIsoDate } from '../../domain/periods.ts';
import { DIMENSIONS } from '../../domain/types.ts';
import { oneOf } from '../shared/schema.ts';
import { readYaml, SeedError, type SeedFile, seedsDir } from './read-seeds.ts';

/** A date, or a month when only the month is known (2025-04). */
const DateOrMonth = Type.String({ pattern: '^\\d{4}-\\d{2}(-\\d{2})?$' });

export const PublishedFigureSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9-]+$' }),
    dimension: oneOf(DIMENSIONS),
    /** the date the figure describes */
    asOf: DateOrMonth,
    /** the percentage stated */
    value: Type.Number({ minimum: 0, maximum: 100 }),
    /** exact: a stated level; above: 超过 (more than); atLeast: 不低于 */
    bound: oneOf(['exact', 'above', 'atLeast'] as const),
    /** how the published measure compares with the tracker's own for this dimension */
    definition: oneOf(['same', 'different', 'unclear'] as const),
    measureZh: Type.String({ minLength: 1 }),
    measureEn: Type.String({ minLength: 1 }),
    statementZh: Type.String({ minLength: 1 }),
    /** quoted: a phrase as published (cuts marked …); summary: our summary, wording to be checked */
    wording: oneOf(['quoted', 'summary'] as const),
    statementEn: Type.String({ minLength: 1 }),
    noteZh: Type.String({ minLength: 1 }),
    noteEn: Type.String({ minLength: 1 }),
    source: Type.Object(
      {
        publisherZh: Type.String({ minLength: 1 }),
        publisherEn: Type.String({ minLength: 1 }),
        titleZh: Type.String({ minLength: 1 }),
        titleEn: Type.String({ minLength: 1 }),
        publishedOn: DateOrMonth,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PublishedFiguresFile = Type.Object(
  { figures: Type.Array(PublishedFigureSchema, { minItems: 1 }) },
  { additionalProperties: false },
);

export type PublishedFigure = Static<typeof PublishedFigureSchema>;
export type PublishedFiguresFile = Static<typeof PublishedFiguresFile>;

const realDate = (d: string) => isIsoDate(d.length === 7 ? `${d}-01` : d);

/** Reads and checks the file: real dates, unique keys, published no earlier than described. */
export async function readPublishedFigures(
  dir = seedsDir,
): Promise<SeedFile<PublishedFiguresFile>> {
  const f = await readYaml<PublishedFiguresFile>(
    dir,
    path.join(dir, 'published-figures.yaml'),
    PublishedFiguresFile,
  );
  const keys = new Set<string>();
  f.data.figures.forEach((x, i) => {
    const fail = (where: string, msg: string) => {
      throw new SeedError(f.file, `/figures/${i}${where}`, msg);
    };
    if (keys.has(x.key)) fail('/key', `duplicate key ${x.key}`);
    keys.add(x.key);
    if (!realDate(x.asOf)) fail('/asOf', `not a calendar date: ${x.asOf}`);
    if (!realDate(x.source.publishedOn))
      fail('/source/publishedOn', `not a calendar date: ${x.source.publishedOn}`);
    // a month is compared as its last possible day for publication, its first for the date described
    if (`${x.source.publishedOn}-31`.slice(0, 10) < `${x.asOf}-01`.slice(0, 10))
      fail('/source/publishedOn', 'a figure cannot be published before the date it describes');
  });
  return f;
}

let cached: Promise<PublishedFigure[]> | undefined;
/** The figures, read once per process (the file changes only with a release). */
export function publishedFigures(): Promise<PublishedFigure[]> {
  cached ??= readPublishedFigures().then((f) => f.data.figures);
  return cached;
}
