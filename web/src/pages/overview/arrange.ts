/**
 * Which provinces the overview shows, and in what order: the reviewer's sort and filters
 * (kept in the URL, see state/viewState.ts). Status and gap are read on the chosen
 * dimension, in the gap mode shown (a province without a plan against the national plan).
 */
import type { Dimension } from '../../../../server/domain/types.ts';
import { STATUS_ORDER } from '../../charts/config.ts';
import type { GapCell, GapGridRow } from '../../charts/shape.ts';
import type { ViewState } from '../../state/viewState.ts';

export type Arrangement = Pick<ViewState, 'dimension' | 'sort' | 'statuses' | 'plans' | 'withData'>;

/** Has any public (submitted or accepted) figure this quarter. */
export const hasData = (row: GapGridRow) => Object.values(row.cells).some((c) => c?.actual != null);

/** Whether a province passes the filters (the sort aside). */
export function keeps(row: GapGridRow, a: Arrangement): boolean {
  const cell = row.cells[a.dimension];
  if (a.plans === 'own' && !row.hasPlan) return false;
  if (a.plans === 'national' && row.hasPlan) return false;
  if (a.withData && !hasData(row)) return false;
  if (a.statuses.length > 0 && !(cell && a.statuses.includes(cell.status))) return false;
  return true;
}

const rank = (cell: GapCell | null) => STATUS_ORDER.indexOf(cell?.status ?? 'noReport');
/** nulls last, whatever the direction */
const byNumber = (x: number | null | undefined, y: number | null | undefined, dir: 1 | -1) =>
  x == null ? (y == null ? 0 : 1) : y == null ? -1 : (x - y) * dir;

export function arrangeProvinces(rows: GapGridRow[], a: Arrangement): GapGridRow[] {
  const at = (r: GapGridRow) => r.cells[a.dimension as Dimension] ?? null;
  const order = new Map(rows.map((r, i) => [r.code, i]));
  const compare = (x: GapGridRow, y: GapGridRow): number => {
    switch (a.sort) {
      case 'gap':
        return byNumber(at(x)?.gap, at(y)?.gap, 1);
      case 'status':
        return rank(at(x)) - rank(at(y)) || byNumber(at(x)?.gap, at(y)?.gap, 1);
      case 'actual':
        return byNumber(at(x)?.actual, at(y)?.actual, -1);
      default:
        return 0;
    }
  };
  return rows
    .filter((r) => keeps(r, a))
    .sort((x, y) => compare(x, y) || order.get(x.code)! - order.get(y.code)!);
}
