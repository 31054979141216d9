/**
 * The Fastify instance of `kg serve`: the API over the store (src/model/api.ts is
 * its contract), the built explorer from dist/, and the security rules of
 * security.ts around both. Listening is the caller's business (src/cli/serve.ts;
 * tests use inject).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SqlGraphStore } from '../store/sql-store';
import { ServerContext } from './context';
import { DEFAULT_DIST_DIR, NOT_BUILT_MESSAGE } from './dist';
import { HttpError, installErrorHandlers } from './errors';
import { ExtractionThread, type Extract } from '../node/extraction-thread';
import { registerGraphRoutes } from './routes-graph';
import { registerReadRoutes } from './routes-read';
import { DEFAULT_BODY_LIMIT, registerWriteRoutes } from './routes-write';
import { installSecurity } from './security';

export { DEFAULT_DIST_DIR, NOT_BUILT_MESSAGE };

export interface ServerOptions {
  store: SqlGraphStore;
  /** The address it will listen on: decides whether writes need the token. */
  host: string;
  /** Required as a Bearer token on writes; kg serve sets it for every non-loopback host. */
  token?: string;
  /** The built app; default dist/ at the project root. */
  distDir?: string;
  /** Extraction for added articles (default: the CLI's extractor in a worker thread, started on the first article). */
  extract?: Extract;
  /** Fastify's logger (off by default: kg serve prints its own lines). */
  logger?: boolean;
}

export interface KgServer {
  app: FastifyInstance;
  context: ServerContext;
  /** Whether dist/ was there to serve. */
  hasApp: boolean;
}

export async function buildServer(options: ServerOptions): Promise<KgServer> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Ids are content hashes and "type:name" keys: long ones are still far below this.
    routerOptions: { maxParamLength: 1000 },
    // The route decides what a body may be; a JSON body that is a bare string or number is still JSON.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const thread = options.extract ? undefined : new ExtractionThread();
  const context = new ServerContext(options.store, options.extract ?? thread!.extract);
  installErrorHandlers(app, DEFAULT_BODY_LIMIT);
  installSecurity(app, { host: options.host, ...(options.token !== undefined ? { token: options.token } : {}) });
  registerReadRoutes(app, context);
  registerGraphRoutes(app, context);
  registerWriteRoutes(app, context);
  app.addHook('onClose', async () => {
    await context.jobs.close();
    await thread?.close();
  });

  const distDir = options.distDir ?? DEFAULT_DIST_DIR;
  const hasApp = existsSync(join(distDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, { root: distDir, prefix: '/', index: 'index.html', cacheControl: true, maxAge: 0 });
  } else {
    app.get('/', async () => {
      throw new HttpError(503, NOT_BUILT_MESSAGE);
    });
  }
  await app.ready();
  return { app, context, hasApp };
}
