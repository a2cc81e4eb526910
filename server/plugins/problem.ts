/**
 * Errors are values: a machine code, a Chinese and an English message, and the path of
 * the field at fault. This plugin turns them (and Fastify's own validation errors) into
 * `application/problem+json` (RFC 9457). Nothing reaches the client as a bare 500 with a
 * stack trace.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable, isTransactionTimeout } from '../db/errors.ts';
import type { FieldProblem } from '../domain/problem.ts';

/** Seconds a client is asked to wait (Retry-After) when the server cannot serve it right now. */
export const RETRY_AFTER_SECONDS = 10;

export type { FieldProblem };

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
    this.name = 'Problem';
  }
}

export const notFound = (what: string, zhWhat: string, path = '/params') =>
  new Problem(404, 'notFound', `未找到${zhWhat}`, `${what} not found`, [
    { path, code: 'notFound', zh: `未找到${zhWhat}`, en: `${what} not found` },
  ]);

function send(reply: FastifyReply, status: number, body: Record<string, unknown>) {
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({ status, ...body });
}

const validationZh: Record<string, string> = {
  required: '缺少必填字段',
  type: '类型不正确',
  minimum: '数值过小',
  maximum: '数值过大',
  pattern: '格式不正确',
  enum: '取值不在允许范围内',
  const: '取值不在允许范围内',
  anyOf: '取值不在允许范围内',
  additionalProperties: '包含未知字段',
  minLength: '内容过短',
  maxLength: '内容过长',
  minItems: '条目过少',
  maxItems: '条目过多',
  format: '格式不正确',
  multipleOf: '必须为整数',
};

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string; requiredProperties?: string[] };
}

/** Fastify/Ajv validation errors → field problems with a JSON pointer that includes the part. */
export function fieldsFromValidation(errors: AjvError[], part: string): FieldProblem[] {
  return errors.map((e) => {
    let path = e.instancePath ?? '';
    if (e.keyword === 'required')
      path += `/${e.params?.missingProperty ?? e.params?.requiredProperties?.[0] ?? ''}`;
    if (e.keyword === 'additionalProperties') path += `/${e.params?.additionalProperty ?? ''}`;
    return {
      path: `/${part}${path}`,
      code: e.keyword ?? 'invalid',
      zh: validationZh[e.keyword ?? ''] ?? '取值无效',
      en: e.message ?? 'invalid value',
    };
  });
}

/**
 * Errors the router meets before any route or plugin runs (a malformed percent-encoding such as
 * `/api/%E0%A4%A`, an over-long parameter), as problem+json like every other 4xx.
 */
export function badUrl(err: FastifyError, _request: unknown, reply: FastifyReply) {
  const badEncoding = err.code === 'FST_ERR_BAD_URL';
  const [zh, en] = badEncoding
    ? ['地址中的百分号编码（%xx）无效', 'The address has an invalid percent-encoding (%xx)']
    : ['请求地址无效', err.message];
  return send(reply, 400, {
    code: badEncoding ? 'badUrl' : (err.code ?? 'badRequest'),
    title: en,
    zh,
    en,
    errors: [{ path: '/url', code: badEncoding ? 'badUrl' : 'invalid', zh, en }],
  });
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'requestTimeout',
    '请求未在限定时间内发送完毕，连接已关闭',
    'The request was not received in time; the connection was closed',
  ],
  HPE_HEADER_OVERFLOW: [431, 'headersTooLarge', '请求头过大', 'The request headers are too large'],
};

/**
 * Errors on the connection before there is a request (a body trickled past REQUEST_TIMEOUT_MS,
 * oversized headers, broken HTTP): Node writes the answer straight to the socket, so it is
 * written here as problem+json too.
 */
export function clientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, zh, en] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'badRequest',
    '请求格式错误',
    'The request is malformed',
  ];
  const body = JSON.stringify({ status, code, title: en, zh, en, errors: [] });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

export default fp(async function problemPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, request, reply) => {
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, 503, {
        code: 'databaseUnavailable',
        title: 'The database is unavailable',
        zh: '数据库暂时不可用，请稍后重试；已保存的数据不受影响',
        en: 'The database is temporarily unavailable; try again shortly. Nothing saved is lost',
        errors: [],
      });
    }
    if (isTransactionTimeout(err)) {
      request.log.warn({ err }, 'transaction timed out');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, 503, {
        code: 'busy',
        title: 'The server is busy; nothing was saved',
        zh: '服务器繁忙，未保存任何内容，请稍后重试',
        en: 'The server is busy; nothing was saved. Try again shortly',
        errors: [],
      });
    }
    if (err instanceof Problem) {
      if (err.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      if (typeof err.extra.retryAfterSeconds === 'number')
        reply.header('retry-after', String(err.extra.retryAfterSeconds));
      return send(reply, err.status, {
        code: err.code,
        title: err.en,
        zh: err.zh,
        en: err.en,
        errors: err.fields,
        ...err.extra,
      });
    }
    if (err.validation) {
      const fields = fieldsFromValidation(
        err.validation as AjvError[],
        err.validationContext ?? 'body',
      );
      return send(reply, 400, {
        code: 'invalidRequest',
        title: 'The request is not valid',
        zh: '请求内容不符合要求',
        en: 'The request is not valid',
        errors: fields,
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known: Record<string, [string, string]> = {
        FST_ERR_CTP_BODY_TOO_LARGE: ['请求内容过大', 'Request body is too large'],
        FST_ERR_CTP_INVALID_MEDIA_TYPE: ['不支持的内容类型', 'Unsupported content type'],
        FST_ERR_CTP_EMPTY_JSON_BODY: ['请求内容为空', 'Empty JSON body'],
        FST_ERR_CTP_INVALID_JSON_BODY: ['JSON 格式错误', 'Malformed JSON body'],
      };
      const [zh, en] = known[err.code] ?? [
        err.statusCode === 429 ? '请求过于频繁，请稍后再试' : '请求无效',
        err.message,
      ];
      const isJsonSyntax =
        err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
      return send(reply, status, {
        code: err.code ?? 'badRequest',
        title: en,
        zh: isJsonSyntax ? 'JSON 格式错误' : zh,
        en,
        errors: [
          {
            path: '/body',
            code: err.code ?? 'badRequest',
            zh: isJsonSyntax ? 'JSON 格式错误' : zh,
            en,
          },
        ],
      });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, {
      code: 'internal',
      title: 'Internal error',
      zh: '服务器内部错误',
      en: 'Internal error',
      errors: [],
    });
  });
});
