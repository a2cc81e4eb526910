/** Who may write plans. Reading drafts of plans is the visibility rule (visibility.ts). */
import {
  type AdminSession,
  type EditorSession,
  isAdmin,
  isEditorOf,
  type Reader,
  type Refusal,
} from './session.ts';

/**
 * Admins manage every plan; a province's editors enter their own province's plan and draft
 * its revisions (publishing stays with admins). The national plan has no province.
 */
export const mayDraftPlan = (
  reader: Reader,
  provinceCode: string | null,
): reader is AdminSession | EditorSession =>
  isAdmin(reader) || (provinceCode !== null && isEditorOf(reader, provinceCode));

/** Publishing a draft puts it in force for every chart: admins only. */
export const mayPublishPlan = (reader: Reader): reader is AdminSession => isAdmin(reader);

export const REFUSED = {
  draft: {
    zh: '只有管理员和本省填报人员可以录入或修订本省计划',
    en: "Only admins and this province's editors enter or revise its plan",
  },
  publish: { zh: '只有管理员可以发布计划', en: 'Only admins publish plans' },
} satisfies Record<string, Refusal>;
