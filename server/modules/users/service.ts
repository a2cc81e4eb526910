import type { Db } from '../../db/client.ts';
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
}): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  provinceCode: u.provinceCode,
  active: u.active,
});

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
