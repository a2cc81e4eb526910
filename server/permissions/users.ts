/** Who may manage accounts. */
import { type AdminSession, isAdmin, type Reader, type Refusal } from './session.ts';

/** Creating, changing, disabling accounts: admins only. */
export const mayManageAccounts = (reader: Reader): reader is AdminSession => isAdmin(reader);

export const REFUSED = {
  manage: { zh: '只有管理员可以管理账户', en: 'Only admins manage accounts' },
} satisfies Record<string, Refusal>;
