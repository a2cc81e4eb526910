/**
 * A trajectory as sent and as used. On the wire each target appears once, in `targets`, and a
 * point names its targets by index; the web client expands the answer back, so the charts read
 * `point.targetsInForce` as objects. Pure: imported by the server and the web app alike.
 */
import type { TargetRef, TrajectoryResponse, TrajectoryWire } from './schemas.ts';

/** Within one trajectory a target's key, plan, level and date decide the rest of its reference. */
const identity = (t: TargetRef) => `${t.planSlug}|${t.key}|${t.level}|${t.dueOn}`;

export function compactTrajectory(full: TrajectoryResponse): TrajectoryWire {
  const targets: TargetRef[] = [];
  const index = new Map<string, number>();
  const ref = (t: TargetRef): number => {
    const id = identity(t);
    let i = index.get(id);
    if (i === undefined) {
      i = targets.push(t) - 1;
      index.set(id, i);
    }
    return i;
  };
  return {
    ...full,
    targets,
    series: full.series.map((s) => ({
      ...s,
      points: s.points.map((p) => ({
        ...p,
        targetsInForce: p.targetsInForce.map(ref),
        nextTarget: p.nextTarget ? ref(p.nextTarget) : null,
      })),
    })),
  };
}

export function expandTrajectory(wire: TrajectoryWire): TrajectoryResponse {
  const { targets, ...rest } = wire;
  const at = (i: number): TargetRef => {
    const t = targets[i];
    if (!t) throw new Error(`trajectory answer refers to target ${i} of ${targets.length}`);
    return t;
  };
  return {
    ...rest,
    series: wire.series.map((s) => ({
      ...s,
      points: s.points.map((p) => ({
        ...p,
        targetsInForce: p.targetsInForce.map(at),
        nextTarget: p.nextTarget === null ? null : at(p.nextTarget),
      })),
    })),
  };
}
