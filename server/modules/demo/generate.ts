/**
 * Deterministic demo progress: plausible quarterly reports for every coordinating region of
 * every provincial unit, from 2022Q1 to a given quarter. The same input gives the same
 * figures. Each region follows its own timeline (pilots already paying, most launching in
 * 2022, some late, one going backwards) so that every status appears on the dashboard.
 * Large hospitals join first, so the covered share of cases and of fund runs ahead of the
 * share of institutions (cases ≈ cov^0.5, fund ≈ cov^0.45); 90–98 % of the paid institutions'
 * cases are grouped.
 */
import { addQuarters, comparePeriods, parsePeriod, periodsBetween } from '../../domain/periods.ts';
import type {
  PaymentMethod,
  Period,
  RegionEventKind,
  RegionQuarter,
  Stage,
} from '../../domain/types.ts';

export interface DemoRegion {
  code: string;
  provinceCode: string;
  /** seeded timeline facts (events before 2022 for pilots) */
  events: { kind: RegionEventKind; on: string }[];
}

/** A region-quarter's figures; money (万元) as two-decimal strings, so it is stored exactly. */
export type DemoRow = Omit<
  RegionQuarter,
  | 'period'
  | 'inpatientFundCents'
  | 'drgDipFundCents'
  | 'subsetEligibleInstitutions'
  | 'subsetCoveredInstitutions'
> & {
  inpatientFund: string;
  drgDipFund: string;
};

export interface DemoReport {
  provinceCode: string;
  period: Period;
  status: 'draft' | 'submitted' | 'accepted';
  rows: DemoRow[];
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a small seeded generator, enough for demo figures */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scenario {
  launch: Period;
  simulated: Period;
  actual: Period;
  method: PaymentMethod;
  eligible: number;
  casesPerInstitution: number;
  fundPerCase: number;
  startCoverage: number;
  gainPerQuarter: number;
  groupRate: number;
  /** quarters after actual payment when coverage starts falling, or null */
  declineAfter: number | null;
  /** the period the region falls back from actual to simulated payment for two quarters */
  regressAt: Period | null;
}

const PRE_PLAN: Period = '2021Q4';

function scenario(region: DemoRegion, special: { regress: boolean; decline: boolean }): Scenario {
  const r = rng(hash(region.code));
  const seeded = (k: RegionEventKind) => region.events.find((e) => e.kind === k);
  const late = r() < 0.18;
  let launch: Period = seeded('launch') ? PRE_PLAN : addQuarters('2022Q1', Math.floor(r() * 4));
  let simulated = seeded('simulatedPayment')
    ? PRE_PLAN
    : addQuarters(launch, 1 + Math.floor(r() * 2));
  const actual = seeded('actualPayment')
    ? PRE_PLAN
    : addQuarters(simulated, 1 + Math.floor(r() * 3) + (late ? 4 : 0));
  if (comparePeriods(simulated, actual) > 0) simulated = actual;
  if (comparePeriods(launch, simulated) > 0) launch = simulated;
  const stagnant = r() < 0.12;
  return {
    launch,
    simulated,
    actual,
    method: r() < 0.5 ? 'DRG' : 'DIP',
    eligible: 40 + Math.floor(r() * 220),
    casesPerInstitution: 700 + Math.floor(r() * 900),
    fundPerCase: 0.6 + r() * 0.5,
    startCoverage: 0.2 + r() * 0.3,
    gainPerQuarter: stagnant ? 0.008 : 0.05 + r() * 0.07,
    groupRate: 0.9 + r() * 0.08,
    declineAfter: special.decline ? 5 : null,
    regressAt: special.regress ? addQuarters(actual, 3) : null,
  };
}

function stageAt(s: Scenario, p: Period): Stage {
  if (
    s.regressAt &&
    comparePeriods(p, s.regressAt) >= 0 &&
    comparePeriods(p, addQuarters(s.regressAt, 2)) < 0
  )
    return 'simulated';
  if (comparePeriods(p, s.actual) >= 0) return 'actual';
  if (comparePeriods(p, s.simulated) >= 0) return 'simulated';
  if (comparePeriods(p, s.launch) >= 0) return 'preparing';
  return 'notStarted';
}

function coverageAt(s: Scenario, p: Period, stage: Stage): number {
  if (stage !== 'actual') return 0;
  const k = Math.max(0, periodsBetween(s.actual, p).length - 1);
  let c = s.startCoverage + s.gainPerQuarter * k;
  if (s.declineAfter !== null && k > s.declineAfter)
    c = s.startCoverage + s.gainPerQuarter * s.declineAfter - 0.04 * (k - s.declineAfter);
  return Math.min(1, Math.max(0.05, c));
}

const money = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

function row(region: DemoRegion, s: Scenario, p: Period): DemoRow {
  const r = rng(hash(`${region.code}:${p}`));
  const stage = stageAt(s, p);
  const year = Number(p.slice(0, 4));
  const eligible = s.eligible + (year - 2022);
  const cov = coverageAt(s, p, stage);
  const covered = stage === 'actual' ? Math.max(1, Math.round(eligible * cov)) : 0;
  const q = parsePeriod(p)!.quarter;
  // year to date: cases and fund accumulate over the quarters of the year
  const cases = Math.round(eligible * s.casesPerInstitution * (q / 4) * (0.95 + r() * 0.1));
  const caseShare = covered === 0 ? 0 : Math.sqrt(covered / eligible);
  // Cases are grouped for payment at the paid institutions (入组率 as the plans define it).
  const paidCases = Math.round(cases * caseShare);
  const grouped = Math.min(paidCases, Math.round(paidCases * s.groupRate));
  const fund = cases * s.fundPerCase;
  const fundShare =
    covered === 0 ? 0 : Math.min(0.98, (covered / eligible) ** 0.45 * (0.9 + r() * 0.07));
  return {
    regionCode: region.code,
    method: stage === 'notStarted' ? null : s.method,
    stage,
    eligibleInstitutions: eligible,
    coveredInstitutions: covered,
    inpatientCases: cases,
    groupedCases: grouped,
    paidInstitutionCases: paidCases,
    paidInstitutionGroupedCases: grouped,
    inpatientFund: money(fund),
    drgDipFund: money(Math.min(fund, fund * fundShare)),
  };
}

/**
 * Reports for `provinces` from 2022Q1 to `until`. The latest quarter shows a realistic
 * reporting state: one province still in draft, one not reported at all, the others submitted.
 */
export function generateDemo(regions: DemoRegion[], until: Period): DemoReport[] {
  const periods = periodsBetween('2022Q1', until);
  const provinces = [...new Set(regions.map((r) => r.provinceCode))].sort();
  const byHash = [...regions].sort((a, b) => hash(a.code) - hash(b.code));
  const regressing = byHash[0]?.code;
  const declining = byHash[1]?.code;
  const scenarios = new Map(
    regions.map((r) => [
      r.code,
      scenario(r, { regress: r.code === regressing, decline: r.code === declining }),
    ]),
  );
  const reports: DemoReport[] = [];
  for (const [pi, province] of provinces.entries()) {
    const own = regions.filter((r) => r.provinceCode === province);
    for (const [i, period] of periods.entries()) {
      const latest = i === periods.length - 1;
      if (latest && pi === provinces.length - 1) continue; // not reported yet
      const status = !latest ? 'accepted' : pi === 0 ? 'draft' : 'submitted';
      reports.push({
        provinceCode: province,
        period,
        status,
        rows: own.map((r) => row(r, scenarios.get(r.code)!, period)),
      });
    }
  }
  return reports;
}
