/**
 * Security headers on every answer (Content-Security-Policy, HSTS, X-Frame-Options,
 * nosniff, …), as helmet writes them for our policy. Our policy depends on no request (no
 * nonces, no per-route variants), so helmet runs once at start and each request gets the
 * headers it wrote: @fastify/helmet would build helmet's middleware anew for every request,
 * about a tenth of a kept read's CPU.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

export function helmetOptions(config: Pick<Config, 'secureCookies'>): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // only behind TLS: on a plain-http intranet address it would break every asset request
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
  };
}

/** The headers helmet sets on a response for these options (names in lower case). */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = String(value);
    },
    // X-Powered-By: Node never sets it
    removeHeader() {},
  };
  helmet(options)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}

export default fp(async function securityHeadersPlugin(app: FastifyInstance) {
  const headers = securityHeaders(helmetOptions(app.config));
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});
