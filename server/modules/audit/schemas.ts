import { Type } from 'typebox';

/** A history as GET …/history answers it: who, when, what, the state before and after. */
export const HistorySchema = Type.Array(
  Type.Object({
    id: Type.Integer(),
    at: Type.String(),
    actor: Type.String(),
    action: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
  }),
);
