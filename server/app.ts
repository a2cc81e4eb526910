/**
 * Builds the Fastify app: cross-cutting plugins in a fixed order, then each area's routes,
 * then the dashboard. `server/cli/start.ts`, the tests and the benchmarks all call this.
 */

import { existsSync } from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { OneLinePerRequest } from './logging.ts';
import ambitionRoutes from './modules/ambition/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import comparisonRoutes from './modules/comparison/routes.ts';
import healthRoutes from './modules/health/routes.ts';
import importRoutes from './modules/imports/routes.ts';
import institutionRoutes from './modules/institutions/routes.ts';
import nationalRoutes from './modules/national/routes.ts';
import planRoutes from './modules/plans/routes.ts';
import progressRoutes from './modules/progress/routes.ts';
import provinceRoutes from './modules/provinces/routes.ts';
import reportRoutes from './modules/reports/routes.ts';
import { ResultCache } from './modules/results/cache.ts';
import timelineRoutes from './modules/timeline/routes.ts';
import trajectoryRoutes from './modules/trajectory/routes.ts';
import userRoutes from './modules/users/routes.ts';
import auth from './plugins/auth.ts';
import inputGuards from './plugins/input-guards.ts';
import problem, { badUrl, clientError, Problem } from './plugins/problem.ts';
import securityHeaders from './plugins/security-headers.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** the clock sessions and sign-in locks are measured by (tests pass one they can move) */
    now(): Date;
    /** the engine's answers, kept per data version (modules/results) */
    results: ResultCache;
  }
}

export interface AppOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
}

export async function buildApp({ db, config, logger = false, now }: AppOptions) {
  const app = Fastify({
    logger,
    // behind the README's reverse proxy, request.ip is the client's (X-Forwarded-For) only
    // when TRUST_PROXY names that proxy; otherwise every client would share the proxy's address
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // one line per request (logging.ts) instead of Fastify's two
    logController: new OneLinePerRequest(),
    bodyLimit: 2 * 1024 * 1024,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    http: {
      // Node reads requestTimeout when the server is created (Fastify's later assignment is
      // ignored), and checks it only this often: 30 s by default, longer than a short timeout.
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)),
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: badUrl,
    clientErrorHandler: clientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // URL parts arrive as text and are coerced ("3" → 3); a JSON body is taken as sent, so
  // `null`, `true` or "12" where a count belongs is an error at that field, never a stored 0/1.
  const strict = new Ajv({
    allErrors: true,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: true,
  });
  const coercing = new Ajv({
    allErrors: true,
    coerceTypes: 'array',
    removeAdditional: false,
    useDefaults: true,
  });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('now', now ?? (() => new Date()));
  app.decorate('results', new ResultCache(config.resultCacheMb * 1024 * 1024));

  await app.register(securityHeaders);
  // answers of 1 KB or more, compressed (kept answers come already compressed: left alone)
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(problem);
  await app.register(inputGuards);
  await app.register(rateLimit, { global: false });
  await app.register(auth);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'DRG/DIP reform tracker API',
        description: 'DRG/DIP 支付方式改革进展跟踪 API',
        version: '1',
      },
      tags: [
        { name: 'provinces', description: '省份 Provinces' },
        { name: 'plans', description: '行动计划 Plans and targets' },
        { name: 'progress', description: '进展 Quarterly progress' },
        {
          name: 'reports',
          description: '季度报表、审核与导入 Quarterly reports, review and import',
        },
        { name: 'users', description: '账户与登录 Accounts and sign-in' },
        { name: 'audit', description: '审计日志 The audit trail' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(provinceRoutes);
      await api.register(planRoutes);
      await api.register(progressRoutes);
      await api.register(userRoutes);
      await api.register(reportRoutes);
      await api.register(importRoutes);
      await api.register(institutionRoutes);
      await api.register(timelineRoutes);
      await api.register(trajectoryRoutes);
      await api.register(comparisonRoutes);
      await api.register(nationalRoutes);
      await api.register(ambitionRoutes);
      await api.register(auditRoutes);
    },
    { prefix: '/api' },
  );

  await registerDashboard(app, config);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** The built dashboard (web/dist), with client-side routes falling back to index.html. */
async function registerDashboard(app: FastifyInstance, config: Config) {
  const hasDashboard = existsSync(`${config.webDist}/index.html`);
  const assets = path.join(config.webDist, 'assets') + path.sep;
  if (hasDashboard)
    await app.register(fastifyStatic, {
      root: config.webDist,
      // files are looked up per request, so a rebuilt dashboard is served without a restart
      wildcard: true,
      // the build writes each file also as .br and .gz (web/vite.config.ts): sent as they are
      preCompressed: true,
      // a file under assets/ is named after its content: a new build has new names
      setHeaders: (reply, file) => {
        if (file.startsWith(assets))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  app.setNotFoundHandler((request, reply) => {
    if (
      request.url.startsWith('/api/') ||
      request.url.startsWith('/assets/') ||
      !hasDashboard ||
      request.method !== 'GET'
    ) {
      throw new Problem(
        404,
        'notFound',
        '未找到该地址',
        `No route ${request.method} ${request.url.split('?')[0]}`,
      );
    }
    return reply.sendFile('index.html');
  });
}
