/**
 * Every write the web makes, as TanStack Query mutation options. Each names what it changes
 * (`meta.changes`); the client's mutation cache invalidates those queries after success,
 * and a report write also puts the answer under its report key at once.
 */
import { type MutationFunctionContext, mutationOptions } from '@tanstack/react-query';
import {
  adminApi,
  institutionsApi,
  type NewUser,
  type PlanContentBody,
  type ReportDto,
  type ReportRowBody,
  reportsApi,
  type TimelineCorrection,
  type UserPatch,
} from './client.ts';
import { changes, keys } from './queries.ts';

interface At {
  code: string;
  period: string;
}

/** The answer is the report as it now is: readers of it need not ask again. */
const keepReport = (
  r: ReportDto,
  _vars: unknown,
  _result: unknown,
  { client }: MutationFunctionContext,
) => client.setQueryData(keys.report(r.provinceCode, r.period), r);

export const mutations = {
  saveReport: () =>
    mutationOptions({
      mutationKey: ['reports', 'save'],
      mutationFn: ({
        code,
        period,
        rows,
        version,
      }: At & { rows: ReportRowBody[]; version: number | null }) =>
        reportsApi.save(code, period, rows, version),
      onSuccess: keepReport,
      meta: { changes: changes.report },
    }),
  importReport: () =>
    mutationOptions({
      mutationKey: ['reports', 'import'],
      mutationFn: ({ code, period, file, version }: At & { file: File; version: number | null }) =>
        reportsApi.import(code, period, file, version),
      onSuccess: keepReport,
      meta: { changes: changes.report },
    }),
  /** the institutions' sheet; the answer is the report as the roll-up left it */
  importInstitutions: () =>
    mutationOptions({
      mutationKey: ['reports', 'institutions', 'import'],
      mutationFn: async ({ code, period, file, version }: At & { file: File; version: number }) => {
        const saved = await institutionsApi.import(code, period, file, version);
        return { saved, report: await reportsApi.get(code, period) };
      },
      onSuccess: (
        r: { report: ReportDto },
        vars: unknown,
        res: unknown,
        ctx: MutationFunctionContext,
      ) => keepReport(r.report, vars, res, ctx),
      meta: { changes: changes.report },
    }),
  transition: () =>
    mutationOptions({
      mutationKey: ['reports', 'transition'],
      mutationFn: ({
        code,
        period,
        action,
        version,
        comment,
      }: At & { action: 'submit' | 'accept' | 'return'; version: number; comment?: string }) =>
        reportsApi.transition(code, period, action, version, comment),
      onSuccess: keepReport,
      meta: { changes: changes.report },
    }),
  comment: () =>
    mutationOptions({
      mutationKey: ['reports', 'comment'],
      mutationFn: ({ code, period, body }: At & { body: string }) =>
        reportsApi.comment(code, period, body),
      onSuccess: keepReport,
      // a comment changes the report and its history, no figure
      meta: { changes: [keys.reports()] },
    }),
  createUser: () =>
    mutationOptions({
      mutationKey: ['users', 'create'],
      mutationFn: (user: NewUser) => adminApi.createUser(user),
      meta: { changes: changes.users },
    }),
  updateUser: () =>
    mutationOptions({
      mutationKey: ['users', 'update'],
      mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) =>
        adminApi.updateUser(id, patch),
      meta: { changes: changes.users },
    }),
  saveDraft: () =>
    mutationOptions({
      mutationKey: ['plans', 'draft'],
      mutationFn: ({
        slug,
        content,
        draftId,
      }: {
        slug: string;
        content: PlanContentBody;
        draftId: number | null;
      }) => adminApi.saveDraft(slug, content, draftId),
      meta: { changes: changes.planDraft },
    }),
  publish: () =>
    mutationOptions({
      mutationKey: ['plans', 'publish'],
      mutationFn: ({ slug, draftId }: { slug: string; draftId: number }) =>
        adminApi.publish(slug, draftId),
      meta: { changes: changes.planPublished },
    }),
  correctTimeline: () =>
    mutationOptions({
      mutationKey: ['timeline', 'correct'],
      mutationFn: ({ region, correction }: { region: string; correction: TimelineCorrection }) =>
        adminApi.correct(region, correction),
      meta: { changes: changes.timeline },
    }),
  retractCorrection: () =>
    mutationOptions({
      mutationKey: ['timeline', 'retract'],
      mutationFn: ({ region, id }: { region: string; id: number }) => adminApi.retract(region, id),
      meta: { changes: changes.timeline },
    }),
};
