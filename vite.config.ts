/**
 * Vite builds the explorer (index.html -> src/app/main.ts); the `test` section is
 * the vitest configuration for the whole project.
 *
 * The explorer reads files that live outside `public/`: the built graph
 * (graph-data/graph.json) and the extraction resources (az dictionaries, lexicons,
 * models). The `kgDataFiles` plugin serves them in dev/preview and copies them
 * into the build, under the URLs the app's fetch-based loader asks for. They are
 * fetched only when needed (the dictionaries when a user first adds an article).
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const azDicts = join(dirname(require.resolve('az/package.json')), 'dicts');

/** URL prefix (relative to the app's base) -> directory on disk. */
const dataDirs: ReadonlyArray<readonly [string, string]> = [
  ['resources/az/', azDicts],
  ['resources/lexicons/', join(root, 'graph-data', 'lexicons')],
  ['resources/models/', join(root, 'graph-data', 'models')],
];
const graphUrl = 'graph-data/graph.json';
const graphFile = join(root, 'graph-data', 'graph.json');

/** Maps a request path to a file under one of the data dirs; null when it is not ours or escapes its dir. */
function fileFor(urlPath: string): string | null {
  const path = decodeURIComponent(urlPath.split('?')[0] ?? '').replace(/^\/+/, '');
  if (path === graphUrl) return graphFile;
  for (const [prefix, dir] of dataDirs) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    return file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

const serveDataFiles: Connect.NextHandleFunction = (req, res, next) => {
  const file = req.url ? fileFor(req.url) : null;
  if (!file) return next();
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.statusCode = 404;
    res.end('not found');
    return;
  }
  res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream');
  res.setHeader('Cache-Control', 'no-cache');
  createReadStream(file).pipe(res);
};

function copyDir(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    if (entry.isDirectory()) copyDir(src, join(to, entry.name));
    else if (entry.isFile()) copyFileSync(src, join(to, entry.name));
  }
}

function kgDataFiles(): Plugin {
  let outDir = resolve(root, 'dist');
  return {
    name: 'kg-data-files',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(serveDataFiles);
    },
    // Preview serves the live graph.json first, so a re-ingest shows without a rebuild.
    configurePreviewServer(server) {
      server.middlewares.use(serveDataFiles);
    },
    writeBundle() {
      for (const [prefix, dir] of dataDirs) copyDir(dir, join(outDir, prefix));
      if (existsSync(graphFile)) {
        mkdirSync(join(outDir, 'graph-data'), { recursive: true });
        copyFileSync(graphFile, join(outDir, graphUrl));
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [kgDataFiles()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  worker: {
    format: 'es',
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          // Top-level files in tests/e2e are browser tests (the project below).
          exclude: ['**/node_modules/**', 'tests/e2e/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/*.test.ts'],
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          // One Chromium at a time: two software-WebGL browsers overload a 2-core machine.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
