/**
 * The second factor: TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1, what every
 * authenticator app reads) through the `otpauth` library. A code is accepted one step either
 * side of now (clock drift), and never twice: the step of the last accepted code is kept.
 */
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/client.ts';
import { Problem } from '../../plugins/problem.ts';

export const TOTP_ISSUER = 'DRG-DIP tracker';
const PERIOD = 30;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totp = (secret: string, username: string) =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });

/** The otpauth:// URI an authenticator app takes (as a QR code or typed in). */
export const totpUri = (secret: string, username: string) => totp(secret, username).toString();

export const wrongCode = () =>
  new Problem(401, 'wrongCode', '动态验证码错误或已使用', 'Wrong or already used code', [
    { path: '/body/code', code: 'wrongCode', zh: '验证码错误', en: 'wrong code' },
  ]);

/**
 * Checks a code against the user's secret and uses it up (an atomic compare on the last
 * accepted step, so a code replayed, even concurrently, is refused). True when accepted.
 */
export async function acceptCode(
  db: Db,
  user: { id: number; username: string },
  secret: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const delta = totp(secret, user.username).validate({
    token: code,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return false;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  const used = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return used.count === 1;
}
