/**
 * One place that maps every series, status and report state to a label key, a colour and
 * a second, non-colour cue (dash pattern, icon glyph, fill pattern) — shadcn's chart
 * config object. Colours are Okabe–Ito (safe for the common colour-vision deficiencies);
 * the gap scale is ColorBrewer PuOr, a diverging scale that stays readable for them too.
 */

import type { MilestoneState } from '../../../server/domain/milestones.ts';
import type { CompletenessRow } from '../../../server/modules/comparison/schemas.ts';
import type { StatusCode } from '../../../server/modules/trajectory/schemas.ts';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#6b6b6b',
} as const;

export interface SeriesConfigEntry {
  labelKey: string;
  colour: string;
  /** SVG stroke-dasharray; undefined = solid */
  dash?: string;
  width: number;
  /** how the legend swatch is drawn */
  swatch: 'line' | 'step' | 'area';
}

/** The lines of a trajectory chart, keyed as in `TrajectoryRow`. */
export const TRAJECTORY_SERIES = {
  actual: { labelKey: 'series.actual', colour: OKABE_ITO.blue, width: 2.5, swatch: 'line' },
  planned: {
    labelKey: 'series.planned',
    colour: OKABE_ITO.orange,
    dash: '7 4',
    width: 2,
    swatch: 'line',
  },
  owed: { labelKey: 'series.owed', colour: OKABE_ITO.vermillion, width: 2, swatch: 'step' },
  nationalOwed: {
    labelKey: 'series.nationalOwed',
    colour: OKABE_ITO.grey,
    dash: '2 3',
    width: 1.75,
    swatch: 'step',
  },
} as const satisfies Record<string, SeriesConfigEntry>;
export type TrajectorySeriesKey = keyof typeof TRAJECTORY_SERIES;

export interface StatusMeta {
  colour: string;
  /** text colour on `colour` */
  ink: string;
  /** a glyph shown with the label, so status never rests on colour alone */
  icon: string;
}

export const STATUS_META: Record<StatusCode, StatusMeta> = {
  met: { colour: OKABE_ITO.bluishGreen, ink: '#ffffff', icon: '✓' },
  onTrack: { colour: OKABE_ITO.blue, ink: '#ffffff', icon: '↗' },
  accelerationNeeded: { colour: OKABE_ITO.orange, ink: '#000000', icon: '△' },
  limitedProgress: { colour: OKABE_ITO.reddishPurple, ink: '#000000', icon: '→' },
  deterioration: { colour: OKABE_ITO.vermillion, ink: '#ffffff', icon: '↘' },
  overdue: { colour: OKABE_ITO.black, ink: '#ffffff', icon: '⚑' },
  insufficientData: { colour: '#f5f5f5', ink: '#000000', icon: '…' },
  notYetDue: { colour: OKABE_ITO.skyBlue, ink: '#000000', icon: '◷' },
  noData: { colour: '#e6e6e6', ink: '#000000', icon: '–' },
  noPlan: { colour: '#d9d9d9', ink: '#000000', icon: '○' },
  noReport: { colour: '#ffffff', ink: '#000000', icon: '?' },
};

/** Worst first: the order statuses are listed in legends and sorted in tables. */
export const STATUS_ORDER: StatusCode[] = [
  'overdue',
  'deterioration',
  'limitedProgress',
  'accelerationNeeded',
  'onTrack',
  'met',
  'insufficientData',
  'notYetDue',
  'noData',
  'noPlan',
  'noReport',
];

/** Stage milestones (阶段节点), worst first; missed shares overdue's black flag. */
export const MILESTONE_META: Record<MilestoneState, StatusMeta> = {
  missed: { colour: OKABE_ITO.black, ink: '#ffffff', icon: '⚑' },
  metLate: { colour: OKABE_ITO.orange, ink: '#000000', icon: '✓' },
  notYetDue: { colour: OKABE_ITO.skyBlue, ink: '#000000', icon: '◷' },
  met: { colour: OKABE_ITO.bluishGreen, ink: '#ffffff', icon: '✓' },
};
export const MILESTONE_ORDER: MilestoneState[] = ['missed', 'metLate', 'notYetDue', 'met'];

export type ReportState = CompletenessRow['status'];
export const REPORT_META: Record<ReportState | 'overdue', StatusMeta> = {
  none: { colour: '#ffffff', ink: '#000000', icon: '∅' },
  draft: { colour: OKABE_ITO.yellow, ink: '#000000', icon: '✎' },
  submitted: { colour: OKABE_ITO.skyBlue, ink: '#000000', icon: '↑' },
  accepted: { colour: OKABE_ITO.bluishGreen, ink: '#ffffff', icon: '✓' },
  returned: { colour: OKABE_ITO.vermillion, ink: '#ffffff', icon: '↩' },
  overdue: { colour: OKABE_ITO.black, ink: '#ffffff', icon: '!' },
};
export const REPORT_ORDER: ReportState[] = ['none', 'draft', 'returned', 'submitted', 'accepted'];

/** Gap to target in percentage points → a PuOr step: oranges behind, purples ahead. */
export const GAP_SCALE = [
  { upTo: -30, colour: '#b35806', ink: '#ffffff' },
  { upTo: -10, colour: '#f1a340', ink: '#000000' },
  { upTo: 0, colour: '#fee0b6', ink: '#000000' },
  { upTo: 10, colour: '#d8daeb', ink: '#000000' },
  { upTo: 30, colour: '#998ec3', ink: '#000000' },
  { upTo: Infinity, colour: '#542788', ink: '#ffffff' },
] as const;

/** The step a gap falls in; `upTo` is exclusive, so a gap of exactly 0 counts as on target, not behind. */
export function gapStep(gap: number | null) {
  if (gap == null || !Number.isFinite(gap)) return null;
  const i = GAP_SCALE.findIndex((s) => gap < s.upTo);
  return { index: i, ...GAP_SCALE[i]! };
}
