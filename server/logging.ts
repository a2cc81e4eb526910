/**
 * What the terminal shows while the app runs: one line per request (method, URL, status,
 * time), readable in a terminal (pino-pretty), JSON lines for a log collector when the output
 * is not a terminal or LOG_FORMAT=json.
 */
import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

/** Fields of the request line that the readable form leaves out (the message says them). */
const SAID_IN_MESSAGE = 'pid,hostname,reqId,method,url,statusCode,responseTime';

export function loggerOptions(
  config: Pick<Config, 'logLevel' | 'logFormat'>,
  {
    isTTY = process.stdout.isTTY === true,
    destination = process.stdout as NodeJS.WritableStream,
  }: { isTTY?: boolean; destination?: NodeJS.WritableStream } = {},
): FastifyServerOptions['logger'] {
  const readable = config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTTY);
  if (!readable) return { level: config.logLevel, stream: destination };
  return {
    level: config.logLevel,
    // in this process, synchronously: no worker thread, nothing lost at exit
    stream: pretty({
      destination,
      colorize: isTTY,
      translateTime: 'SYS:HH:MM:ss',
      ignore: SAID_IN_MESSAGE,
      singleLine: true,
      sync: true,
    }),
  };
}

/**
 * Fastify logs "incoming request", "request completed" and, for a 404 or a handled error, a
 * third line. Here a request is one line when its answer is sent — `GET /api/x 200 12 ms` —
 * and only a server error adds its stack.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override routeNotFound() {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const ms = Math.round(reply.elapsedTime);
    const { method, url } = request;
    const fields = { method, url, statusCode: reply.statusCode, responseTime: ms };
    const line = `${method} ${url} ${reply.statusCode} ${ms} ms`;
    if (error || reply.statusCode >= 500)
      request.log.error({ ...fields, err: error ?? undefined }, line);
    else request.log.info(fields, line);
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply) {
    // 4xx answers are said by the request line; a 5xx keeps its stack
    if (reply.statusCode >= 500) request.log.error({ err: error }, error.message);
  }
}
