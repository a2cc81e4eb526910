/** A plan target in words, as the targets list and the clause panel show it. Pure, so it is tested. */
import type { CohortDto, TargetRowDto } from '../../../server/modules/plans/schemas.ts';
import { formatDate, formatList, punct } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import type { Translate } from '../i18n/useT.ts';

/** "≥ 70%，2023年12月31日前" · "自启动起逐年 40% / 70% / 100%" · "实际付费后 2 年内 ≥ 70%" … */
export function describeTarget(target: TargetRowDto, t: Translate, lang: Lang): string {
  const sep = lang === 'en' ? ', ' : '，';
  const level = target.minPct != null ? `≥ ${target.minPct}%` : '';
  const due = target.dueOn
    ? lang === 'en'
      ? `by ${formatDate(target.dueOn, lang)}`
      : `${formatDate(target.dueOn, lang)}前`
    : '';
  const event = target.event ? t(`event.${target.event}`) : '';
  switch (target.kind) {
    case 'calendarLevel':
      return [level, due].filter(Boolean).join(sep);
    case 'eventLadder': {
      const steps = target.steps.map((s) => `${s}%`).join(' / ');
      const compressed =
        target.compressedSteps.length && target.compressFromYear
          ? punct(lang).paren(
              `${target.compressFromYear}+${punct(lang).colon}${target.compressedSteps.map((s) => `${s}%`).join(' / ')}`,
            )
          : '';
      const years = target.stepYears.length
        ? t('plan.stepYears', {
            year: target.stepYears[0],
            list: formatList(
              target.stepYears.map(
                (y, i) => `${t('series.yearEndOf', { year: y })} ${target.steps[i]}%`,
              ),
              lang,
            ),
          })
        : '';
      return t('plan.stepsFrom', { event, steps }) + compressed + years;
    }
    case 'eventDeadline':
      return [t('plan.withinYears', { event, years: target.withinYears ?? '?' }), level]
        .filter(Boolean)
        .join(' ');
    case 'levelAtEvent':
      return [t('plan.atEvent', { event }), level].filter(Boolean).join(' ');
    case 'stageMilestone': {
      const stage = target.requiredStage ? t(`stage.${target.requiredStage}`) : '';
      const when =
        due ||
        (target.withinYears != null
          ? t('plan.withinYears', { event, years: target.withinYears })
          : '');
      return [stage, when].filter(Boolean).join(sep);
    }
  }
}

/** A clause as an official cites it: document number and clause number, "湘医保发〔2021〕75号 三、（一）2". */
export const citeClause = (source: { document: string; clauseRef: string }) =>
  `${source.document} ${source.clauseRef}`;

/** Who a target applies to: the whole province, a cohort by name, or named regions. */
export function targetScope(
  target: TargetRowDto,
  cohorts: CohortDto[],
  t: Translate,
  lang: Lang,
): string {
  if (target.cohort) {
    const c = cohorts.find((x) => x.key === target.cohort);
    return c ? (lang === 'en' ? c.nameEn : c.nameZh) : target.cohort;
  }
  if (target.regions.length) return formatList(target.regions, lang);
  return t('plan.wholeProvince');
}
