/**
 * `kg serve`: the explorer and its API over the store, until Ctrl-C (SIGINT) or
 * SIGTERM, then the running job finishes, the server stops and the store closes.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../model/errors';
import type { KgServer } from '../server/app';
import { NOT_BUILT_MESSAGE } from '../server/dist';
import { isLoopback, writeToken } from '../server/security';
import { openStore } from '../store/open';
import { action } from './errors';
import { GRAPH_OPTION_HELP, defaultStore, displayStore } from './graph-session';

export const DEFAULT_PORT = 5173;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeOptions {
  graph: string;
  host: string;
  port: number;
  distDir?: string;
  /** Where the start-up lines go (stdout by default). */
  print?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  url: string;
  /** The write token, when the host is not loopback. */
  token?: string;
  server: KgServer;
  close(): Promise<void>;
}

function portOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return port;
}

/** Opens the store, builds the server and listens; the caller closes it. */
export async function startServe(options: ServeOptions): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const loopback = isLoopback(options.host);
  const token = loopback ? undefined : writeToken(options.env ?? process.env);
  // kg serve writes (articles added from the page), so a missing SQLite store is created.
  // Fastify loads only for kg serve, not for every kg command.
  const { buildServer } = await import('../server/app');
  const store = await openStore(options.graph, { create: true });
  let server: KgServer;
  try {
    server = await buildServer({ store, host: options.host, ...(token ? { token: token.token } : {}), ...(options.distDir !== undefined ? { distDir: options.distDir } : {}) });
  } catch (err) {
    await store.close();
    throw err;
  }
  const close = async () => {
    await server.app.close();
    await store.close();
  };
  let address: string;
  try {
    address = await server.app.listen({ host: options.host, port: options.port });
  } catch (err) {
    await close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError('serve', `port ${options.port} on ${options.host} is in use (choose another with --port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError('serve', `cannot listen on ${options.host}: no such address here`);
    if (code === 'EACCES') throw new InputError('serve', `not allowed to listen on port ${options.port} (choose one above 1023)`);
    throw err;
  }
  const url = address.replace('://[::1]', '://localhost');
  const articles = (await store.listArticles()).length;
  print(`kg serve: ${displayStore(options.graph)} (${articles} article${articles === 1 ? '' : 's'}) at ${url}/`);
  if (!server.hasApp) print(`kg serve: ${NOT_BUILT_MESSAGE}`);
  if (token) {
    print(`kg serve: listening on ${options.host}, not only this machine: changes need the header "Authorization: Bearer ${token.generated ? token.token : '$KG_TOKEN'}"`);
  }
  return { url, ...(token ? { token: token.token } : {}), server, close };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the explorer (dist/, from npm run build) and an HTTP API over the graph store')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .option('--port <n>', 'port to listen on', portOption, DEFAULT_PORT)
    .option('--host <address>', 'address to listen on; anything but loopback requires a token for changes ($KG_TOKEN, else one is generated and printed)', DEFAULT_HOST)
    .addHelpText('after', '\nThe API and the security rules: docs/serve.md.\nExamples:\n  kg serve\n  kg serve --graph postgres://kg@db.example/kg --host 0.0.0.0 --port 8080\n')
    .action(
      action(async (flags: { graph: string; port: number; host: string }) => {
        const running = await startServe(flags);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        process.stderr.write('kg serve: stopping\n');
        await running.close();
      }),
    );
}
