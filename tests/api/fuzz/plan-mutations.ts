/** Ways to break a valid plan, each naming the field at fault. */
import type { planContent } from '../fixtures/requests.ts';
import { clone, type Fixtures, long } from './harness.ts';

export type Plan = ReturnType<typeof planContent> & Record<string, unknown>;
/** Each mutation breaks a valid plan and returns the path at fault. */
export const planMutations: [string, (p: Plan, fx: Fixtures) => string][] = [
  [
    'no document',
    (p) => {
      delete (p as Record<string, unknown>).document;
      return '/body/document';
    },
  ],
  [
    'a three-character document number',
    (p) => {
      p.document.number = '48号';
      return '/body/document/number';
    },
  ],
  [
    'an issue date with slashes',
    (p) => {
      p.document.issuedOn = '2024/01/15';
      return '/body/document/issuedOn';
    },
  ],
  [
    'an issue date in month 13',
    (p) => {
      p.document.issuedOn = '2024-13-01';
      return '/body/document/issuedOn';
    },
  ],
  [
    'a start year of 1999',
    (p) => {
      p.document.startYear = 1999;
      return '/body/document/startYear';
    },
  ],
  [
    'an end year of 2036',
    (p) => {
      p.document.endYear = 2036;
      return '/body/document/endYear';
    },
  ],
  [
    'a fractional start year',
    (p) => {
      p.document.startYear = 2022.5;
      return '/body/document/startYear';
    },
  ],
  [
    'a start year in words',
    (p) => {
      p.document.startYear = 'twenty' as unknown as number;
      return '/body/document/startYear';
    },
  ],
  [
    'an end year before the start year',
    (p) => {
      p.document.startYear = 2024;
      p.document.endYear = 2022;
      return '/body/document/endYear';
    },
  ],
  [
    'a title with a NUL character',
    (p) => {
      p.document.title = '行动计划\u0000（修订）';
      return '/body/document/title';
    },
  ],
  [
    'an extra document field',
    (p) => {
      (p.document as Record<string, unknown>).pages = 12;
      return '/body/document/pages';
    },
  ],
  [
    'no targets',
    (p) => {
      p.targets = [];
      return '/body/targets';
    },
  ],
  [
    'targets missing',
    (p) => {
      delete (p as Record<string, unknown>).targets;
      return '/body/targets';
    },
  ],
  [
    'an unknown target kind',
    (p) => {
      (p.targets[0] as Record<string, unknown>).kind = 'weird';
      return '/body/targets/0/kind';
    },
  ],
  [
    'an unknown dimension',
    (p) => {
      (p.targets[0] as Record<string, unknown>).dimension = 'hospitals';
      return '/body/targets/0/dimension';
    },
  ],
  [
    'a 150 % target',
    (p) => {
      p.targets[0]!.minPct = 150;
      return '/body/targets/0/minPct';
    },
  ],
  [
    'a negative target',
    (p) => {
      p.targets[0]!.minPct = -1;
      return '/body/targets/0/minPct';
    },
  ],
  [
    'a calendar target without a date',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).dueOn;
      return '/body/targets/0';
    },
  ],
  [
    'a calendar target without a level',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).minPct;
      return '/body/targets/0';
    },
  ],
  [
    'a due date of 30 February',
    (p) => {
      p.targets[0]!.dueOn = '2024-02-30';
      return '/body/targets/0/dueOn';
    },
  ],
  [
    'a region of another province',
    (p, fx) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: [fx.hunanRegion] };
      return '/body/targets/0/scope/regions/0';
    },
  ],
  [
    'an unknown region',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: ['999999'] };
      return '/body/targets/0/scope/regions/0';
    },
  ],
  [
    'a region named twice',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: ['210100', '210100'] };
      return '/body/targets/0/scope/regions/1';
    },
  ],
  [
    'no regions',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { regions: [] };
      return '/body/targets/0/scope';
    },
  ],
  [
    'an unknown cohort',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = { cohort: 'nope' };
      return '/body/targets/0/scope';
    },
  ],
  [
    'a scope in words',
    (p) => {
      (p.targets[0] as Record<string, unknown>).scope = 'everywhere';
      return '/body/targets/0/scope';
    },
  ],
  [
    'a soft target without an interpretation',
    (p) => {
      p.targets[0]!.soft = true;
      return '/body/targets/0/interpretation';
    },
  ],
  [
    'two targets with one key',
    (p) => {
      p.targets.push(clone(p.targets[0]!));
      return '/body/targets/1/key';
    },
  ],
  [
    'a conflict with an unknown target',
    (p) => {
      (p.targets[0] as Record<string, unknown>).conflictsWith = [{ key: 'nope', note: 'x' }];
      return '/body/targets/0/conflictsWith/0';
    },
  ],
  [
    'the same conflict twice',
    (p) => {
      (p.targets[0] as Record<string, unknown>).conflictsWith = [
        { key: 'test-regions-2024', note: 'a' },
        { key: 'test-regions-2024', note: 'b' },
      ];
      return '/body/targets/0/conflictsWith/1';
    },
  ],
  [
    'a cohort member of another province',
    (p, fx) => {
      p.cohorts = [
        {
          key: 'pilot',
          nameZh: '试点',
          nameEn: 'pilot',
          members: [{ region: fx.hunanRegion, inferred: true }],
        },
      ];
      return '/body/cohorts/0/members/0/region';
    },
  ],
  [
    'a cohort member listed twice',
    (p) => {
      p.cohorts = [
        {
          key: 'pilot',
          nameZh: '试点',
          nameEn: 'pilot',
          members: [
            { region: '210100', inferred: true },
            { region: '210100', inferred: true },
          ],
        },
      ];
      return '/body/cohorts/0/members/1';
    },
  ],
  [
    'a cohort member without a source',
    (p) => {
      p.cohorts = [
        { key: 'pilot', nameZh: '试点', nameEn: 'pilot', members: [{ region: '210100' }] },
      ];
      return '/body/cohorts/0/members/0';
    },
  ],
  [
    'a cohort key starting with a digit',
    (p) => {
      p.cohorts = [{ key: '1pilot', nameZh: '试点', nameEn: 'pilot', members: [] }];
      return '/body/cohorts/0/key';
    },
  ],
  [
    'no clause',
    (p) => {
      delete (p.targets[0] as Record<string, unknown>).clause;
      return '/body/targets/0/clause';
    },
  ],
  [
    'a three-character quote',
    (p) => {
      p.targets[0]!.clause.quote = '全覆盖';
      return '/body/targets/0/clause/quote';
    },
  ],
  [
    'a 2001-character note',
    (p) => {
      p.note = long(2001);
      return '/body/note';
    },
  ],
];
