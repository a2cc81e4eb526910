/**
 * Writes demo progress for every provincial unit, marked `isDemo`, in one transaction. It
 * replaces earlier demo reports only; a (province, period) that has a real report is never
 * touched, so real and demo figures never mix within a quarter.
 */
import type { Db } from '../../db/client.ts';
import { addQuarters, latestFullQuarter, parsePeriod } from '../../domain/periods.ts';
import type { ReportRowInput, RuleProblem } from '../../domain/report-rules.ts';
import { warnings } from '../../domain/report-warnings.ts';
import type { Period, RegionEventKind } from '../../domain/types.ts';
import { recordAudit, recordAudits } from '../audit/record.ts';
import { bumpDataVersion } from '../results/versions.ts';
import { type DemoReport, generateDemo } from './generate.ts';

export async function loadDemo(
  db: Db,
  opts: { until?: Period; today?: Date } = {},
): Promise<{ reports: number }> {
  const until = opts.until ?? latestFullQuarter(opts.today ?? new Date());
  // every province owes the national plan, so every one gets demo figures, plan or not
  const regions = await db.coordinatingRegion.findMany({
    include: { events: { where: { retractedAt: null } } },
    orderBy: [{ provinceCode: 'asc' }, { sortOrder: 'asc' }],
  });
  const regionIds = new Map(regions.map((r) => [r.code, r.id]));
  const reports = generateDemo(
    regions.map((r) => ({
      code: r.code,
      provinceCode: r.provinceCode,
      events: r.events.map((e) => ({
        kind: e.kind as RegionEventKind,
        on: e.occurredOn.toISOString().slice(0, 10),
      })),
    })),
    until,
  );
  let written = 0;
  await db.$transaction(
    async (tx) => {
      await tx.report.deleteMany({ where: { isDemo: true } });
      const real = await tx.report.findMany({ select: { provinceCode: true, period: true } });
      const taken = new Set(real.map((r) => `${r.provinceCode}:${r.period}`));
      // two statements in all (reports, then their rows): 32 provinces × every quarter
      const frozen = demoWarnings(reports);
      const fresh = reports.filter((rep) => !taken.has(`${rep.provinceCode}:${rep.period}`));
      const now = new Date();
      const created = await tx.report.createManyAndReturn({
        data: fresh.map((rep) => ({
          provinceCode: rep.provinceCode,
          period: rep.period,
          status: rep.status,
          isDemo: true,
          submittedAt: rep.status === 'draft' ? null : now,
          acceptedAt: rep.status === 'accepted' ? now : null,
          // as if submitted: the warnings of that moment are kept with the report
          submittedWarnings:
            rep.status === 'draft'
              ? undefined
              : frozen.get(rep)!.map(({ path, code, zh, en }) => ({ path, code, zh, en })),
        })),
        select: { id: true, provinceCode: true, period: true, status: true, version: true },
      });
      const idOf = new Map(created.map((r) => [`${r.provinceCode}:${r.period}`, r.id]));
      await tx.reportRow.createMany({
        data: fresh.flatMap((rep) =>
          rep.rows.map(({ regionCode, ...figures }) => ({
            reportId: idOf.get(`${rep.provinceCode}:${rep.period}`)!,
            regionId: regionIds.get(regionCode)!,
            ...figures,
          })),
        ),
      });
      written = created.length;
      // every report has a history, generated ones too: it starts here, by the system
      await recordAudits(
        tx,
        created.map((r) => ({
          actor: 'system',
          action: 'report.generateDemo',
          entityType: 'report',
          entityId: r.id,
          provinceCode: r.provinceCode,
          after: { status: r.status, version: r.version, isDemo: true, until },
        })),
      );
      await bumpDataVersion(tx, null);
      await recordAudit(tx, {
        actor: 'system',
        action: 'demo.load',
        entityType: 'demo',
        entityId: until,
        after: { reports: written, until },
      });
      await tx.seedState.upsert({
        where: { key: 'demo' },
        create: { key: 'demo', hash: until },
        update: { hash: until, appliedAt: new Date() },
      });
    },
    { timeout: 120_000 },
  );
  return { reports: written };
}

/** Each generated report's warnings against the previous generated quarter, as a submission would keep them. */
function demoWarnings(reports: DemoReport[]): Map<DemoReport, RuleProblem[]> {
  const byKey = new Map(reports.map((r) => [`${r.provinceCode}:${r.period}`, r]));
  const out = new Map<DemoReport, RuleProblem[]>();
  for (const rep of reports) {
    const prev = byKey.get(`${rep.provinceCode}:${addQuarters(rep.period, -1)}`);
    const reported = prev && prev.status !== 'draft' ? prev.rows : [];
    const previous = new Map(reported.map((r) => [r.regionCode, r as ReportRowInput]));
    const sameYear = parsePeriod(rep.period)!.quarter > 1;
    out.set(rep, warnings(rep.rows as ReportRowInput[], previous, sameYear));
  }
  return out;
}
