/**
 * Sessions and CSRF. The cookie carries a random token (HttpOnly, SameSite=Strict, Secure
 * behind TLS); the database keeps only its SHA-256, so a leaked table opens no session.
 * Writes made with a session cookie must echo the session's CSRF token in `x-csrf-token`
 * (synchronizer-token pattern). Reading dashboards needs no account unless
 * PUBLIC_DASHBOARD=false.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { type SessionUser, unauthenticated } from '../permissions/session.ts';
import { Problem } from './problem.ts';

export const SESSION_COOKIE = 'drgdip_session';
const SESSION_DAYS = 7;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  app: FastifyInstance,
  reply: FastifyReply,
  userId: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await app.db.session.create({
    data: {
      id: hashToken(token),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
    },
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.secureCookies,
    maxAge: SESSION_DAYS * 86400,
  });
  return csrfToken;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/auth/sign-in']);

export default fp(async function authPlugin(app: FastifyInstance) {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    // Decided on the route the router chose, never on the raw URL: the router decodes the path,
    // so /%61pi/provinces/… and /api/%70rovinces/… reach the same handler as /api/provinces/….
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await app.db.session.findUnique({
        where: { id: hashToken(token) },
        include: { user: true },
      });
      if (session && session.expiresAt > new Date() && session.user.active) {
        const u = session.user;
        request.user = {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          provinceCode: u.provinceCode,
        };
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
