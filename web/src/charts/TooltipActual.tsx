/** The "actual" entry of a chart tooltip: the coverage and the figures it is made of. */
import { formatFigure, formatPct } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import { useT } from '../i18n/useT.ts';

type Figure = Parameters<typeof formatFigure>[0];

export function TooltipActual({
  row,
  lang,
}: {
  row: { actual: number | null; numerator: Figure | null; denominator: Figure | null };
  lang: Lang;
}) {
  const { t } = useT();
  return (
    <>
      <dt>{t('series.actual')}</dt>
      <dd>
        {row.actual == null ? t('status.noReport') : formatPct(row.actual, lang)}
        {row.numerator != null && row.denominator != null
          ? ` (${formatFigure(row.numerator, lang)} / ${formatFigure(row.denominator, lang)})`
          : ''}
      </dd>
    </>
  );
}
