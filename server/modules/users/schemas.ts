import { type Static, Type } from 'typebox';
import { ROLES } from '../../domain/types.ts';
import { Nullable, oneOf } from '../shared/schema.ts';

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: oneOf(ROLES),
  provinceCode: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const SessionSchema = Type.Object({
  user: Nullable(UserSchema),
  csrfToken: Nullable(Type.String()),
});

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const NewUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    role: oneOf(ROLES),
    provinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 256 })),
    role: Type.Optional(oneOf(ROLES)),
    provinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
    active: Type.Optional(Type.Boolean()),
    /** lift a sign-in lockout (README "Security") */
    unlock: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);

export type UserDto = Static<typeof UserSchema>;
export type SessionDto = Static<typeof SessionSchema>;
export type NewUser = Static<typeof NewUserBody>;
export type UserPatch = Static<typeof UserPatchBody>;
