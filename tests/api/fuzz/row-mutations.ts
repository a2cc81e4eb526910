/** Ways to break one row of a quarterly report, each naming the field at fault. */
import { type Fixtures, long, type Rng } from './harness.ts';

export const COUNTS = [
  'eligibleInstitutions',
  'coveredInstitutions',
  'inpatientCases',
  'groupedCases',
] as const;
export const MONEY = ['inpatientFund', 'drgDipFund'] as const;
export const REQUIRED = ['regionCode', 'method', 'stage', ...COUNTS, ...MONEY] as const;
export type Row = Record<string, unknown>;
/** Each mutation breaks row i and returns the path at fault, relative to /body/rows (`3/groupedCases`). */
export type RowMutation = [
  label: string,
  apply: (rows: Row[], i: number, rng: Rng, fx: Fixtures) => string,
];

const cents = (v: unknown) => Math.round(Number(v) * 100);
export const rowMutations: RowMutation[] = [
  [
    'a negative count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = -(1 + rng.int(1e6));
      return `${i}/${f}`;
    },
  ],
  [
    'a fractional count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = Number(rows[i]![f]) + rng.pick([0.5, 0.25, 0.001]);
      return `${i}/${f}`;
    },
  ],
  [
    'a huge count',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = 100_000_001 + rng.int(1e12);
      return `${i}/${f}`;
    },
  ],
  [
    'a count in words',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = rng.pick(['many', '一百', '12abc', '1,234', '']);
      return `${i}/${f}`;
    },
  ],
  [
    'a count as an object',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = rng.pick([{}, { value: 3 }, [1, 2]]);
      return `${i}/${f}`;
    },
  ],
  [
    'a count as null',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = null;
      return `${i}/${f}`;
    },
  ],
  [
    'a count as true',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = true;
      return `${i}/${f}`;
    },
  ],
  [
    'a count as a one-item array',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = [rng.int(10)];
      return `${i}/${f}`;
    },
  ],
  [
    'a count as blank text',
    (rows, i, rng) => {
      const f = rng.pick(COUNTS);
      rows[i]![f] = ' ';
      return `${i}/${f}`;
    },
  ],
  [
    'covered > eligible',
    (rows, i, rng) => {
      rows[i]!.coveredInstitutions = Number(rows[i]!.eligibleInstitutions) + 1 + rng.int(100);
      return `${i}/coveredInstitutions`;
    },
  ],
  [
    'grouped > cases',
    (rows, i, rng) => {
      rows[i]!.groupedCases = Number(rows[i]!.inpatientCases) + 1 + rng.int(1000);
      return `${i}/groupedCases`;
    },
  ],
  [
    'DRG/DIP fund > inpatient fund',
    (rows, i, rng) => {
      rows[i]!.drgDipFund = ((cents(rows[i]!.inpatientFund) + 1 + rng.int(10_000)) / 100).toFixed(
        2,
      );
      return `${i}/drgDipFund`;
    },
  ],
  [
    'a negative amount',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick([-1, -0.01, '-12.50']);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount with three decimals',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick(['12.345', '0.001']);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount that is not a number',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick([
        'abc',
        '1,234.00',
        '1e5',
        '12.',
        '.5',
        '0x10',
        'NaN',
        'Infinity',
        '',
      ]);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount too large',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = rng.pick(['1234567890123', 1e15, '1'.repeat(21)]);
      return `${i}/${f}`;
    },
  ],
  [
    'an amount padded with spaces',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = ` ${rows[i]![f]} `;
      return `${i}/${f}`;
    },
  ],
  [
    'an amount as an object',
    (rows, i, rng) => {
      const f = rng.pick(MONEY);
      rows[i]![f] = { yuan: 1 };
      return `${i}/${f}`;
    },
  ],
  [
    'an unknown region',
    (rows, i, rng) => {
      rows[i]!.regionCode = rng.pick(['219999', '000000', 'X', '210100-Z']);
      return `${i}/regionCode`;
    },
  ],
  [
    "another province's region",
    (rows, i, _rng, fx) => {
      rows[i]!.regionCode = fx.hunanRegion;
      return `${i}/regionCode`;
    },
  ],
  [
    'an empty region code',
    (rows, i) => {
      rows[i]!.regionCode = '';
      return `${i}/regionCode`;
    },
  ],
  [
    'a 10k-character region code',
    (rows, i) => {
      rows[i]!.regionCode = long(10_000, '2');
      return `${i}/regionCode`;
    },
  ],
  [
    'a region listed twice',
    (rows, i, rng) => {
      const j = (i + 1 + rng.int(rows.length - 1)) % rows.length;
      rows[i]!.regionCode = rows[j]!.regionCode;
      return `${Math.max(i, j)}/regionCode`;
    },
  ],
  [
    'an unknown payment method',
    (rows, i, rng) => {
      rows[i]!.method = rng.pick(['drg', 'PPS', 'DRG/DIP', 7]);
      return `${i}/method`;
    },
  ],
  [
    'an unknown stage',
    (rows, i, rng) => {
      rows[i]!.stage = rng.pick(['finished', '实际付费', 'ACTUAL', '', 3]);
      return `${i}/stage`;
    },
  ],
  [
    'a 10k-character note',
    (rows, i) => {
      rows[i]!.note = long(10_000);
      return `${i}/note`;
    },
  ],
  [
    'a note with a NUL character',
    (rows, i) => {
      rows[i]!.note = '已核对\u0000';
      return `${i}/note`;
    },
  ],
  [
    'an extra field',
    (rows, i, rng) => {
      const f = rng.pick(['period', 'provinceCode', 'coverage', '__proto__x']);
      rows[i]![f] = 1;
      return `${i}/${f}`;
    },
  ],
  [
    'a missing field',
    (rows, i, rng) => {
      const f = rng.pick(REQUIRED);
      delete rows[i]![f];
      return `${i}/${f}`;
    },
  ],
  [
    'one subset figure without the other',
    (rows, i, rng) => {
      const [given, missing] = rng.pick([
        ['subsetEligibleInstitutions', 'subsetCoveredInstitutions'],
        ['subsetCoveredInstitutions', 'subsetEligibleInstitutions'],
      ] as const);
      rows[i]![given] = 5;
      return `${i}/${missing}`;
    },
  ],
  [
    'subset covered > subset eligible',
    (rows, i) => {
      rows[i]!.subsetEligibleInstitutions = 5;
      rows[i]!.subsetCoveredInstitutions = 6;
      return `${i}/subsetCoveredInstitutions`;
    },
  ],
  [
    'subset > eligible',
    (rows, i) => {
      rows[i]!.subsetEligibleInstitutions = Number(rows[i]!.eligibleInstitutions) + 1;
      rows[i]!.subsetCoveredInstitutions = 1;
      return `${i}/subsetEligibleInstitutions`;
    },
  ],
];
