/**
 * Sessions and CSRF. The cookie carries a random token (HttpOnly, SameSite=Strict, Secure
 * behind TLS); the database keeps only its SHA-256, so a leaked table opens no session.
 * A session ends SESSION_MAX_HOURS after sign-in, or SESSION_IDLE_MINUTES after its last
 * request (等保 2.0 8.1.4.1 b "当登录连接超时自动退出"); each request moves the idle window. A
 * session with steps pending (the second factor, enrolling one, replacing a weak password)
 * is not yet signed in: `request.user` stays null and only those steps' routes accept it.
 * Writes made with a session cookie must echo the session's CSRF token in `x-csrf-token`
 * (synchronizer-token pattern). Reading dashboards needs no account unless
 * PUBLIC_DASHBOARD=false.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { Prisma, smallPool } from '../db/client.ts';
import { PENDING_STEPS, type PendingStep } from '../permissions/account.ts';
import { type SessionUser, unauthenticated } from '../permissions/session.ts';
import { Problem } from './problem.ts';

export const SESSION_COOKIE = 'drgdip_session';
/** the idle window moves at most this often (one write a minute per active session, not one per request) */
const TOUCH_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** a session that signed in with its password but has steps left */
    pending: { user: SessionUser; steps: PendingStep[] } | null;
  }
}

export const toSessionUser = (u: SessionUser): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  provinceCode: u.provinceCode,
});

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  app: FastifyInstance,
  reply: FastifyReply,
  userId: number,
  pending: PendingStep[] = [],
): Promise<{ id: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = app.now();
  const { maxHours } = app.config.session;
  const id = hashToken(token);
  // sessions never presented again after they ended are removed here, at the next sign-in
  await app.db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: now } },
        { lastSeenAt: { lte: new Date(now.getTime() - app.config.session.idleMinutes * 60_000) } },
      ],
    },
  });
  await app.db.session.create({
    data: {
      id,
      userId,
      csrfToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxHours * 3600_000),
      pending,
    },
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.secureCookies,
    maxAge: maxHours * 3600,
  });
  return { id, csrfToken };
}

/**
 * The steps a session has left: those stored at sign-in, and enrolling a second factor for a
 * role that must use one and has none yet (also in a session begun before the rule was set).
 */
export function stepsLeft(
  app: FastifyInstance,
  stored: string[],
  user: { role: SessionUser['role']; totpEnabledAt: Date | null },
): PendingStep[] {
  const steps = stored.filter((s): s is PendingStep => PENDING_STEPS.includes(s as PendingStep));
  if (app.config.secondFactorRoles.includes(user.role) && !user.totpEnabledAt)
    steps.splice(steps.includes('secondFactor') ? 1 : 0, 0, 'enrollSecondFactor');
  return steps;
}

interface StoredSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  pending: string[];
  user: SessionUser & { active: boolean; totpEnabledAt: Date | null };
}

/**
 * The session a cookie's token opens, with its account, in one statement on node-postgres:
 * every signed-in request asks it, and Prisma's findUnique with the user included took about
 * five times as long (2–3 ms of a save).
 */
async function storedSession(app: FastifyInstance, id: string): Promise<StoredSession | null> {
  const q = Prisma.sql`
    SELECT s.id, s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt",
      s.last_seen_at AS "lastSeenAt", s.pending,
      json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name,
        'role', u.role, 'provinceCode', u.province_code, 'active', u.active,
        'totpEnabledAt', u.totp_enabled_at) AS user
    FROM session s JOIN app_user u ON u.id = s.user_id
    WHERE s.id = ${id}`;
  const { rows } = await smallPool(app.db).query<StoredSession>({
    name: 'session-by-id',
    text: q.text,
    values: q.values,
  });
  const session = rows[0];
  if (!session) return null;
  const { totpEnabledAt } = session.user;
  return {
    ...session,
    user: { ...session.user, totpEnabledAt: totpEnabledAt ? new Date(totpEnabledAt) : null },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/auth/sign-in']);

export default fp(async function authPlugin(app: FastifyInstance) {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('pending', null);

  app.addHook('onRequest', async (request) => {
    // Decided on the route the router chose, never on the raw URL: the router decodes the path,
    // so /%61pi/provinces/… and /api/%70rovinces/… reach the same handler as /api/provinces/….
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await storedSession(app, hashToken(token));
      const now = app.now();
      const idleSince = now.getTime() - app.config.session.idleMinutes * 60_000;
      if (!session) {
        // unknown or already ended: an anonymous request
      } else if (
        session.expiresAt <= now ||
        session.lastSeenAt.getTime() <= idleSince ||
        !session.user.active
      ) {
        await app.db.session.deleteMany({ where: { id: session.id } });
      } else {
        if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
          await app.db.session.updateMany({
            where: { id: session.id },
            data: { lastSeenAt: now },
          });
        const user = toSessionUser(session.user);
        const steps = stepsLeft(app, session.pending, session.user);
        if (steps.length) request.pending = { user, steps };
        else request.user = user;
        request.sessionId = session.id;
        request.csrfToken = session.csrfToken;
      }
    }
    if (UNSAFE.has(request.method) && request.sessionId && !CSRF_EXEMPT.has(route)) {
      const sent = request.headers['x-csrf-token'];
      const ok =
        typeof sent === 'string' &&
        sent.length === request.csrfToken!.length &&
        timingSafeEqual(Buffer.from(sent), Buffer.from(request.csrfToken!));
      if (!ok)
        throw new Problem(
          403,
          'csrfTokenMissing',
          '缺少或错误的 CSRF 令牌，请刷新页面后重试',
          'Missing or wrong CSRF token: reload the page and try again',
          [
            {
              path: '/headers/x-csrf-token',
              code: 'csrf',
              zh: 'CSRF 令牌无效',
              en: 'invalid CSRF token',
            },
          ],
        );
    }
    if (
      !app.config.publicDashboard &&
      !request.user &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !route.startsWith('/api/auth/') &&
      route !== '/api/health'
    ) {
      throw unauthenticated();
    }
  });
});
