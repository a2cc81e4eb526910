/**
 * Charts further down the overview, drawn once the first view is on screen rather than with
 * it: the first view is the 全国 chart, the map, the grid and the controls; the ranking and the
 * completeness follow when the page is next idle (within a second at most), in the background
 * (a transition: clicks and keys are answered between its steps), long before a reader has
 * scrolled to them. Once drawn they stay, so a switch of period or dimension redraws them at once.
 */
import { type ReactNode, startTransition, useEffect, useState } from 'react';

export function BelowTheFold({ children }: { children: ReactNode }) {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (drawn) return;
    const draw = () => startTransition(() => setDrawn(true));
    // idle: after the tasks already waiting, such as the 全国 chart's code arriving
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(draw, 50);
      return () => window.clearTimeout(timer);
    }
    const id = window.requestIdleCallback(draw, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }, [drawn]);
  return drawn ? children : null;
}
