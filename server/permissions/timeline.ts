/** Who may correct a coordinating region's timeline (launch, simulated and actual payment dates). */
import { type AdminSession, isAdmin, type Reader, type Refusal } from './session.ts';

/** A correction moves the region's clock for every chart, so admins make it, with a source. */
export const mayCorrectTimeline = (reader: Reader): reader is AdminSession => isAdmin(reader);

export const REFUSED = {
  correct: {
    zh: '只有管理员可以更正统筹地区的时间线',
    en: "Only admins correct a region's timeline",
  },
} satisfies Record<string, Refusal>;
