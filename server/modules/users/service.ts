import type { Db } from '../../db/client.ts';
import { passwordProblems } from '../../domain/password-rule.ts';
import type { SessionUser } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { hashPassword } from './passwords.ts';
import type { NewUser, UserDto } from './schemas.ts';

export const toUserDto = (u: {
  id: number;
  username: string;
  displayName: string;
  role: UserDto['role'];
  provinceCode: string | null;
  active: boolean;
  totpEnabledAt: Date | null;
}): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  provinceCode: u.provinceCode,
  active: u.active,
  secondFactor: u.totpEnabledAt !== null,
});

/** 422 naming each way a password breaks the rule (server/domain/password-rule.ts). */
export function checkPasswordRule(password: string, username: string, path = '/body/password') {
  const problems = passwordProblems(password, username);
  if (problems.length)
    throw new Problem(
      422,
      'weakPassword',
      `密码不符合要求：${problems.map((p) => p.zh).join('；')}`,
      `The password does not meet the rule: ${problems.map((p) => p.en).join('; ')}`,
      problems.map((p) => ({ path, code: p.code, zh: p.zh, en: p.en })),
    );
}

/** An editor belongs to exactly one province; reviewers and admins to none. */
export async function checkRoleProvince(
  db: Db,
  role: UserDto['role'],
  provinceCode: string | null | undefined,
): Promise<void> {
  if (role === 'editor') {
    if (!provinceCode)
      throw new Problem(
        422,
        'editorNeedsProvince',
        '编辑角色必须指定省份',
        'An editor must belong to a province',
        [{ path: '/body/provinceCode', code: 'required', zh: '必填', en: 'required' }],
      );
    if (!(await db.province.findUnique({ where: { code: provinceCode } })))
      throw new Problem(
        422,
        'unknownProvince',
        `未知省份 ${provinceCode}`,
        `Unknown province ${provinceCode}`,
        [
          {
            path: '/body/provinceCode',
            code: 'unknownProvince',
            zh: '未知省份',
            en: 'unknown province',
          },
        ],
      );
  } else if (provinceCode) {
    throw new Problem(
      422,
      'provinceOnlyForEditors',
      '只有编辑角色属于某个省份',
      'Only editors belong to a province',
      [
        {
          path: '/body/provinceCode',
          code: 'notAllowed',
          zh: '此角色不应指定省份',
          en: 'not allowed for this role',
        },
      ],
    );
  }
}

export async function createUser(
  db: Db,
  input: NewUser,
  actor: SessionUser | 'system',
): Promise<UserDto> {
  await checkRoleProvince(db, input.role, input.provinceCode);
  checkPasswordRule(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username } }))
      throw new Problem(
        409,
        'usernameTaken',
        `用户名 ${input.username} 已存在`,
        `Username ${input.username} is taken`,
        [{ path: '/body/username', code: 'taken', zh: '已存在', en: 'taken' }],
      );
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        provinceCode: input.provinceCode ?? null,
      },
    });
    await recordAudit(tx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      provinceCode: user.provinceCode,
      after: toUserDto(user),
    });
    return toUserDto(user);
  });
}

/**
 * An admin cannot lock everyone out: no deactivating or demoting oneself, so the admin who acts
 * stays one. Runs inside the write's transaction after the admins' rows are locked, and checks
 * that the actor still is an active admin there: two admins deactivating each other at once
 * cannot both succeed.
 */
export async function checkKeepsAnAdmin(
  tx: Pick<Db, 'user'>,
  before: { id: number; role: UserDto['role']; active: boolean },
  after: { role: UserDto['role']; active: boolean },
  actorId: number,
): Promise<void> {
  const actor = await tx.user.findUnique({ where: { id: actorId } });
  if (actor?.role !== 'admin' || !actor.active)
    throw new Problem(403, 'forbidden', '只有管理员可以管理账户', 'Only admins manage accounts');
  const losesAdmin =
    before.role === 'admin' && before.active && (after.role !== 'admin' || !after.active);
  if (losesAdmin && before.id === actorId)
    throw new Problem(
      422,
      'cannotLockOutSelf',
      '不能停用自己的账户或取消自己的管理员角色',
      'You cannot deactivate your own account or take away your own admin role',
      [
        {
          path: after.active ? '/body/role' : '/body/active',
          code: 'self',
          zh: '不能修改自己的管理员身份',
          en: 'not on your own account',
        },
      ],
    );
}
