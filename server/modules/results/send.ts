/**
 * Sends a cached answer: its ETag (a client that has it gets 304 and no body), and its bytes
 * compressed once and kept, in the encoding the client prefers (br, then gzip). Answers sent
 * here are already JSON, so Fastify's serializer and @fastify/compress leave them alone.
 */
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedAnswer } from './cache.ts';

/** Below this, compressing costs more than it saves. */
const MIN_COMPRESS = 1024;

/** `If-None-Match` lists the ETag (or `*`): the client's copy is current. */
export function clientHasIt(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

/** Headers every cached read carries: revalidate each time, by ETag. */
export function revalidate(reply: FastifyReply, etag: string) {
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  reply.header('vary', 'accept-encoding');
}

export function notModified(reply: FastifyReply) {
  return reply.code(304).send();
}

export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer) {
  revalidate(reply, answer.etag);
  if (clientHasIt(request, answer.etag)) return notModified(reply);
  reply.type('application/json; charset=utf-8');
  const accepted = request.headers['accept-encoding'];
  const encoding =
    answer.json.length >= MIN_COMPRESS && typeof accepted === 'string'
      ? negotiate(accepted, ['br', 'gzip', 'identity'])
      : null;
  if (encoding === 'br' || encoding === 'gzip') {
    reply.header('content-encoding', encoding);
    return reply.send(answer.encoding(encoding));
  }
  return reply.send(answer.json);
}
