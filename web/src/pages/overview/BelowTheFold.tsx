/**
 * Charts further down the overview, drawn just after the first view rather than with it: the
 * first view is the 全国 chart, the map, the grid and the controls; the ranking and the
 * completeness then follow in the background (a transition: clicks and keys are answered
 * between its steps), long before a reader has scrolled to them. Once drawn they stay, so a
 * switch of period or dimension redraws them at once.
 */
import { type ReactNode, useDeferredValue } from 'react';

export function BelowTheFold({ children }: { children: ReactNode }) {
  const drawn = useDeferredValue(true, false);
  return drawn ? children : null;
}
