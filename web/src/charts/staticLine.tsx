/**
 * A Recharts line without its draw-in animation's measuring. Recharts' own shape keeps a ref
 * to the path and asks for its length (`getTotalLength`) on every render, animated or not;
 * each ask makes Chromium lay out the whole page first (on the overview, some 4,000 nodes),
 * three lines at a time on every period or dimension switch. Drawn with the same `Curve`, the
 * same props and dash pattern: the picture is the one `LineDrawShape` draws when not animating.
 */
import { Curve, type LineDrawShapeProps } from 'recharts';

export function staticLine({
  pathRef: _measured,
  animationElapsedTime: _t,
  isAnimating: _a,
  isEntrance: _e,
  visibleLength: _v,
  connectNulls,
  strokeDasharray,
  ...curve
}: LineDrawShapeProps) {
  return (
    <Curve
      {...curve}
      connectNulls={connectNulls ?? false}
      strokeDasharray={strokeDasharray == null ? undefined : String(strokeDasharray)}
    />
  );
}
