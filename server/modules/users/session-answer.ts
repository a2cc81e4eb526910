/** The session as the auth routes answer it, and marking a sign-in step done. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PendingStep } from '../../permissions/account.ts';
import { stepsLeft } from '../../plugins/auth.ts';
import { toUserDto } from './service.ts';

/** The session as GET /auth/session answers it, read afresh (steps may just have been done). */
export async function sessionAnswer(app: FastifyInstance, request: FastifyRequest) {
  const account = request.user ?? request.pending?.user;
  if (!request.sessionId || !account) return { user: null, csrfToken: null, pending: null };
  const u = await app.db.user.findUniqueOrThrow({ where: { id: account.id } });
  const session = await app.db.session.findUniqueOrThrow({ where: { id: request.sessionId } });
  const steps = stepsLeft(app, session.pending, u);
  return steps.length
    ? {
        user: null,
        csrfToken: request.csrfToken,
        pending: { username: u.username, displayName: u.displayName, steps },
      }
    : { user: toUserDto(u), csrfToken: request.csrfToken, pending: null };
}

/** Marks a step done in this session. */
export async function stepDone(app: FastifyInstance, sessionId: string, step: PendingStep) {
  const session = await app.db.session.findUniqueOrThrow({ where: { id: sessionId } });
  await app.db.session.update({
    where: { id: sessionId },
    data: { pending: session.pending.filter((s) => s !== step) },
  });
}
