/** Small TypeBox helpers shared by the route schemas. */
import { type TLiteral, type TSchema, type TUnion, Type } from 'typebox';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** One of a fixed list of strings, typed as the union of the list. */
export function oneOf<const T extends readonly string[]>(
  values: T,
  options?: { description?: string },
): TUnion<Literals<T>> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A quarter, `2024Q3` (years 2000–2099). */
export const PeriodString = (options: { description?: string } = {}) =>
  Type.String({ pattern: '^20\\d{2}Q[1-4]$', description: options.description ?? 'e.g. 2024Q3' });

/** A database id in a URL (PostgreSQL integer). */
export const IdParam = () => Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** `format` and `lang` of every export: JSON by default; tables in Chinese unless `lang=en`. */
export const ExportQueryFields = {
  format: Type.Optional(oneOf(['json', 'csv', 'xlsx'] as const)),
  lang: Type.Optional(
    oneOf(['zh-CN', 'en'] as const, { description: 'language of a csv/xlsx table (zh-CN)' }),
  ),
};

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Code6 = Type.String({ pattern: '^\\d{6}$' });
// Every integer is bounded: 9007199254740993 must be a 400 at its field, not a 500 from an
// int4 column (or a value JSON silently rounded to …992).
export const Year = Type.Integer({ minimum: 1990, maximum: 2100 });
