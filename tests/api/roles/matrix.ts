/** The role matrix's terms: actors, calls, endpoint rows, the reports they use, who gets what. */

export type Actor = 'anonymous' | 'editorLN' | 'editorHN' | 'reviewer' | 'admin' | 'auditor';
export const ACTORS: Actor[] = [
  'anonymous',
  'editorLN',
  'editorHN',
  'reviewer',
  'admin',
  'auditor',
];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Call {
  method: Method;
  url: string;
  payload?: string | object | Buffer;
  headers?: Record<string, string>;
}

export interface Endpoint {
  name: string;
  /** the route as the OpenAPI document lists it, e.g. "PUT /api/plans/{slug}/draft" */
  route: string;
  expect: Record<Actor, number>;
  /** prepares what the call needs (run once per actor, just before the call) and returns it */
  call: (actor: Actor) => Promise<Call> | Call;
}

export const LN = '210000';
export const HN = '430000';
export const DRAFT = '2024Q3'; // a draft of each province, made by its own editor
export const SUBMITTED = '2024Q2'; // a submitted report of 辽宁

export const everyone = (status: number): Record<Actor, number> => ({
  anonymous: status,
  editorLN: status,
  editorHN: status,
  reviewer: status,
  admin: status,
  auditor: status,
});
export const only = (who: Actor[], status: number): Record<Actor, number> => ({
  anonymous: who.includes('anonymous') ? status : 401,
  editorLN: who.includes('editorLN') ? status : 403,
  editorHN: who.includes('editorHN') ? status : 403,
  reviewer: who.includes('reviewer') ? status : 403,
  admin: who.includes('admin') ? status : 403,
  auditor: who.includes('auditor') ? status : 403,
});
/** anyone signed in (anonymous: 401) */
export const signedIn = (status: number): Record<Actor, number> => ({
  ...everyone(status),
  anonymous: 401,
});
/** drafts are invisible (404) to anyone who may not read them */
export const draftReaders = (editor: 'editorLN' | 'editorHN'): Record<Actor, number> => ({
  anonymous: 404,
  editorLN: editor === 'editorLN' ? 200 : 404,
  editorHN: editor === 'editorHN' ? 200 : 404,
  reviewer: 200,
  admin: 200,
  auditor: 404,
});
