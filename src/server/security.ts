/**
 * kg serve is secure by default (docs/serve.md):
 *  - on a loopback address, only requests addressed to localhost are answered (a
 *    DNS-rebinding page that resolves its own name to 127.0.0.1 sends its own Host);
 *  - off loopback, every write needs `Authorization: Bearer <token>`;
 *  - a request from another origin (an `Origin` that is not ours, or
 *    `Sec-Fetch-Site: cross-site`) is refused, and no CORS header is ever sent, so
 *    no other site's page can read or change the graph through a user's browser;
 *  - every response says `nosniff` and carries a Content-Security-Policy that lets
 *    the built explorer run and nothing else.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/** What the Vite build needs: its own scripts and workers (layout runs in a blob worker), inline styles set by Sigma. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // The page fetches blob: and data: URLs it made itself (index.html's own CSP says the same).
  "connect-src 'self' blob: data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecurityOptions {
  /** The address the server listens on. */
  host: string;
  /** Required on writes when set (every non-loopback host). */
  token?: string;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The token a non-loopback server requires: $KG_TOKEN, else a fresh random one (printed by kg serve). */
export function writeToken(env: NodeJS.ProcessEnv = process.env): { token: string; generated: boolean } {
  const given = env.KG_TOKEN?.trim();
  if (given) return { token: given, generated: false };
  return { token: randomBytes(24).toString('base64url'), generated: true };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The host part of a Host header ("127.0.0.1:5173" -> "127.0.0.1", "[::1]:80" -> "::1"). */
function hostName(header: string): string {
  const bracket = /^\[([^\]]+)\]/.exec(header);
  if (bracket) return bracket[1]!;
  return header.replace(/:\d+$/, '');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws the 4xx a request gets under the rules above, or returns when it may go on. */
export function checkRequest(request: FastifyRequest, options: SecurityOptions): void {
  const hostHeader = request.headers.host ?? '';
  if (isLoopback(options.host) && !isLoopback(hostName(hostHeader))) {
    throw new HttpError(403, `this server answers only requests to localhost (got Host: ${JSON.stringify(hostHeader.slice(0, 100))})`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${hostHeader}`) {
    throw new HttpError(403, 'cross-origin requests are refused: open the explorer from this server');
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'cross-site requests are refused: open the explorer from this server');
  if (options.token !== undefined && WRITE_METHODS.has(request.method)) {
    const auth = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match) throw new HttpError(401, 'this server is not on localhost: a change needs "Authorization: Bearer <token>" (the token kg serve printed, or $KG_TOKEN)');
    if (!sameToken(match[1]!, options.token)) throw new HttpError(401, 'wrong token');
  }
}

export function installSecurity(app: FastifyInstance, options: SecurityOptions): void {
  app.addHook('onRequest', async (request) => {
    checkRequest(request, options);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    return payload;
  });
}
