/**
 * Every failure as `ApiError` JSON with a status the client can act on: the
 * user's mistakes are 4xx with a message fit to show, anything unexpected is a
 * 500 whose details (and stack) stay in the server's log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../model/api';
import { FormatError, InputError, KgError, NotFoundError } from '../model/errors';

/** An error with the HTTP status it stands for; its message goes to the client as is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Drops the "module: " prefix KgError adds, when the message is shown by the page. */
const plain = (err: KgError) => err.message;

/** Fastify's own errors, in words a user of the page understands. */
function fastifyMessage(err: FastifyError, bodyLimit: number): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'the request body is not valid JSON';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the request body is empty; expected JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `the request body is too large (the limit is ${formatBytes(bodyLimit)})`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported content type: send application/json (or the article as text/plain, text/markdown or application/octet-stream to POST /api/articles)';
    default:
      return err.message;
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** A zod failure as one line naming the field: `limit: Too big: expected number to be <=200`. */
export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses `value` with `schema`, or throws a 400 naming the first bad field. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, `invalid ${what}: ${zodMessage(result.error)}`);
  return result.data;
}

export function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof InputError || err instanceof FormatError) return 400;
  const status = (err as Partial<FastifyError>)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

/** Installs the JSON error and not-found handlers; `defaultBodyLimit` is quoted by 413s of routes without their own. */
export function installErrorHandlers(app: FastifyInstance, defaultBodyLimit: number): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    const status = statusOf(err);
    let message: string;
    if (status === 500) {
      request.log.error({ err }, 'request failed');
      // KgError messages name what went wrong without internals; anything else might not.
      message = err instanceof KgError ? plain(err) : 'internal error (see the server log)';
    } else if (err instanceof HttpError || err instanceof KgError) message = err.message;
    else message = fastifyMessage(err as FastifyError, request.routeOptions.bodyLimit ?? defaultBodyLimit);
    const body: ApiError = { error: message };
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ApiError = { error: `not found: ${request.method} ${request.url.split('?')[0]}` };
    void reply.status(404).type('application/json; charset=utf-8').send(body);
  });
}
