/**
 * What a plan revision changes, readable by the admin who publishes it: the document fields
 * and each target (matched by its key) added, removed or changed, field by field, with the
 * values written as text ("40 / 30 / 30", "cohort pilot"). Pure: takes the two contents.
 */

export interface FieldChange {
  /** dotted path of the field, e.g. `minPct`, `clause.quote`, `document.endYear` */
  field: string;
  before: string | null;
  after: string | null;
}

export interface TargetChange {
  key: string;
  change: 'added' | 'removed' | 'changed';
  dimension: string;
  clauseRef: string;
  fields: FieldChange[];
}

export interface PlanDiff {
  document: FieldChange[];
  targets: TargetChange[];
  /** targets present in both with no change */
  unchanged: number;
}

interface ComparableTarget {
  key: string;
  dimension: string;
  clause: { ref: string };
}

interface ComparableContent<T extends ComparableTarget> {
  document: object;
  targets: T[];
}

/** A value as the admin reads it: lists joined with " / ", objects flattened by the caller. */
function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v))
    return v
      .map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)))
      .join(' / ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `{ clause: { ref, quote } }` → `clause.ref`, `clause.quote`; a scope object → `scope.cohort`. */
function flatten(o: object, prefix = ''): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [k, v] of Object.entries(o)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      for (const [fk, fv] of flatten(v, name)) out.set(fk, fv);
    else out.set(name, text(v));
  }
  return out;
}

function fieldChanges(before: object, after: object, prefix = ''): FieldChange[] {
  const a = flatten(before, prefix);
  const b = flatten(after, prefix);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }))
    .filter((c) => c.before !== c.after);
}

export function diffPlans<T extends ComparableTarget>(
  inForce: ComparableContent<T>,
  draft: ComparableContent<T>,
): PlanDiff {
  const old = new Map(inForce.targets.map((t) => [t.key, t]));
  const now = new Map(draft.targets.map((t) => [t.key, t]));
  const targets: TargetChange[] = [];
  let unchanged = 0;
  // in the draft's order, then what the draft dropped
  for (const t of draft.targets) {
    const before = old.get(t.key);
    const fields = fieldChanges(before ?? {}, t);
    if (before && fields.length === 0) unchanged++;
    else
      targets.push({
        key: t.key,
        change: before ? 'changed' : 'added',
        dimension: t.dimension,
        clauseRef: t.clause.ref,
        fields,
      });
  }
  for (const t of inForce.targets)
    if (!now.has(t.key))
      targets.push({
        key: t.key,
        change: 'removed',
        dimension: t.dimension,
        clauseRef: t.clause.ref,
        fields: fieldChanges(t, {}),
      });
  return {
    document: fieldChanges(inForce.document, draft.document, 'document'),
    targets,
    unchanged,
  };
}
