import { type Static, Type } from 'typebox';
import { ROLES } from '../../domain/types.ts';
import { PENDING_STEPS } from '../../permissions/account.ts';
import { Nullable, oneOf } from '../shared/schema.ts';

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: oneOf(ROLES),
  provinceCode: Nullable(Type.String()),
  active: Type.Boolean(),
  /** a second factor (TOTP) is enrolled */
  secondFactor: Type.Boolean(),
});

/** A session: signed in (`user`), or signed in with its password and `pending` steps left. */
export const SessionSchema = Type.Object({
  user: Nullable(UserSchema),
  csrfToken: Nullable(Type.String()),
  pending: Nullable(
    Type.Object({
      username: Type.String(),
      displayName: Type.String(),
      steps: Type.Array(oneOf(PENDING_STEPS)),
    }),
  ),
});

/** A password the rule accepts is checked by server/domain/password-rule.ts (422 with reasons). */
const Password = (o: object = {}) => Type.String({ minLength: 1, maxLength: 256, ...o });

export const PasswordChangeBody = Type.Object(
  { currentPassword: Password(), newPassword: Password() },
  { additionalProperties: false },
);

export const CodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);

export const EnrollmentSchema = Type.Object({
  /** base32, for typing into an authenticator app */
  secret: Type.String(),
  /** otpauth://totp/… for a QR code */
  uri: Type.String(),
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
    password: Password(),
    role: oneOf(ROLES),
    provinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    password: Type.Optional(Password()),
    role: Type.Optional(oneOf(ROLES)),
    provinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{6}$' }))),
    active: Type.Optional(Type.Boolean()),
    /** lift a sign-in lockout (README "Security") */
    unlock: Type.Optional(Type.Literal(true)),
    /** remove the second factor (a lost phone): the user enrols again */
    resetSecondFactor: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);

export type UserDto = Static<typeof UserSchema>;
export type SessionDto = Static<typeof SessionSchema>;
export type NewUser = Static<typeof NewUserBody>;
export type UserPatch = Static<typeof UserPatchBody>;
