/** The matrix rows for one's own account (password, second factor) and the audit trail. */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { newTotpSecret } from '../../../server/modules/users/second-factor.ts';
import { type Actor, type Endpoint, only, signedIn } from './matrix.ts';
import type { Roles } from './setup.ts';

export function ownAccountEndpoints(roles: () => Roles): Endpoint[] {
  const agent = (actor: Actor) => (actor === 'anonymous' ? null : roles().agents[actor]);
  return [
    {
      name: 'GET /audit',
      route: 'GET /api/audit',
      expect: only(['auditor'], 200),
      call: () => ({ method: 'GET', url: '/api/audit?entityType=report&pageSize=5' }),
    },
    {
      name: 'POST /auth/password',
      route: 'POST /api/auth/password',
      expect: signedIn(200),
      call: (actor) => {
        const a = agent(actor);
        const newPassword = `Changed-${randomBytes(6).toString('hex')}`;
        const call = {
          method: 'POST' as const,
          url: '/api/auth/password',
          payload: { currentPassword: a?.password ?? 'x', newPassword },
        };
        if (a) a.password = newPassword;
        return call;
      },
    },
    {
      // no session here has the code step pending: signed in already (403) or none (401)
      name: 'POST /auth/second-factor',
      route: 'POST /api/auth/second-factor',
      expect: { ...signedIn(403) },
      call: () => ({ method: 'POST', url: '/api/auth/second-factor', payload: { code: '123456' } }),
    },
    {
      name: 'POST /auth/second-factor/enrollment',
      route: 'POST /api/auth/second-factor/enrollment',
      expect: signedIn(201),
      call: () => ({ method: 'POST', url: '/api/auth/second-factor/enrollment' }),
    },
    {
      name: 'POST /auth/second-factor/enrollment/confirm',
      route: 'POST /api/auth/second-factor/enrollment/confirm',
      expect: signedIn(200),
      call: async (actor) => {
        const a = agent(actor);
        let code = '123456';
        if (a) {
          // as if enrolment had just started: a fresh secret, and the code an app shows for it
          const secret = newTotpSecret();
          await roles().ctx.db.user.update({
            where: { username: a.username },
            data: { totpSecret: secret, totpEnabledAt: null, totpLastStep: null },
          });
          code = TOTP.generate({ secret: Secret.fromBase32(secret) });
        }
        return {
          method: 'POST',
          url: '/api/auth/second-factor/enrollment/confirm',
          payload: { code },
        };
      },
    },
  ];
}
