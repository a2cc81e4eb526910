/**
 * A problem with one field of a request or a file: where (a JSON pointer), a machine code, and
 * what to tell the user in Chinese and in English. Declared once: the domain's rules return it,
 * the server's problem+json carries it (server/modules/shared/problem-schema.ts), the web client
 * imports its type.
 */
export interface FieldProblem {
  /** JSON pointer into the request part or the file, e.g. /body/rows/3/coveredInstitutions */
  path: string;
  code: string;
  zh: string;
  en: string;
}
