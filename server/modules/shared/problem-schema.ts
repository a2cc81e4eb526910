/**
 * The problem+json shapes as TypeBox schemas, for route responses and the OpenAPI document. The
 * field problem is server/domain/problem.ts's FieldProblem; the web client imports the type.
 */
import { type Static, Type } from 'typebox';
import type { FieldProblem } from '../../domain/problem.ts';

/** One field at fault (or warned about): a JSON pointer, a code, the Chinese and English message. */
export const FieldProblemSchema = Type.Object({
  path: Type.String(),
  code: Type.String(),
  zh: Type.String(),
  en: Type.String(),
});

// compile-time: the schema and the domain's type agree both ways (typecheck fails when they part)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMA_MATCHES_DOMAIN: Same<Static<typeof FieldProblemSchema>, FieldProblem> = true;
