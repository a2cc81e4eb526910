/** The national chart's legend, apart from the chart so the page draws it before Recharts loads. */
import { OKABE_ITO, TRAJECTORY_SERIES } from './config.ts';
import type { LegendItem } from './Legend.tsx';

export const PUBLISHED_COLOUR = OKABE_ITO.reddishPurple;
const PLANNED = TRAJECTORY_SERIES.planned;
const OWED = TRAJECTORY_SERIES.nationalOwed;
const ACTUAL = TRAJECTORY_SERIES.actual;

export function nationalLegend(t: (k: string) => string): LegendItem[] {
  return [
    {
      key: 'actual',
      label: t('series.actual'),
      colour: ACTUAL.colour,
      width: ACTUAL.width,
      swatch: 'line',
    },
    {
      key: 'nationalPlanned',
      label: t('series.nationalPlanned'),
      colour: PLANNED.colour,
      dash: PLANNED.dash,
      width: PLANNED.width,
      swatch: 'line',
    },
    {
      key: 'nationalOwed',
      label: t('series.nationalOwed'),
      colour: OWED.colour,
      dash: OWED.dash,
      width: OWED.width,
      swatch: 'step',
    },
    {
      key: 'published',
      label: t('national.published'),
      colour: PUBLISHED_COLOUR,
      swatch: 'box',
      icon: '◆',
    },
  ];
}
