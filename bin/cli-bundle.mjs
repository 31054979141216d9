// The kg command line as plain JavaScript, so a kg process starts without a TypeScript
// loader. tsx compiles each file on the fly, but it routes every module (node_modules
// too) through Node's off-thread loader hooks: with Kysely, zod and the store that cost
// a kg process about 1.5 s of CPU before it did any work. esbuild bundles src (not the
// packages, which Node loads natively) in about 0.3 s; the bundle is kept in
// node_modules/.cache/kg-cli and rebuilt when any source file changes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** What the CLI bundle is made of: the command line and the extraction thread's module. */
export const CLI_ENTRIES = {
  main: join(ROOT, 'src', 'cli', 'main.ts'),
  'extract-worker': join(ROOT, 'src', 'node', 'extract-worker.ts'),
};

/**
 * esbuild options for a Node bundle of TypeScript entries. Each module keeps its own
 * import.meta.url (src/node/resources.ts finds graph-data and the az dictionaries from
 * it), and the English pipeline stays a chunk of its own, loaded only for English text.
 */
export function nodeBundleOptions(entryPoints, outdir, { external = true } = {}) {
  return {
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    define: { 'import.meta.url': '__kgSourceUrl' },

    // A bundle of CommonJS packages (bench's, external: false) needs a require in scope.
    banner: external ? undefined : { js: "import { createRequire as __kgCreateRequire } from 'node:module'; const require = __kgCreateRequire(import.meta.url);" },
    plugins: [
      // Packages load from node_modules as Node loads them; only our sources are bundled.
      ...(external ? [{ name: 'node-resolvable-packages', setup: (build) => build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: nodeSpecifier(args.path), external: true })) }] : []),
      {
        name: 'source-import-meta-url',
        setup(build) {
          // `define` turns import.meta.url into this name, declared in each source file
          // (on its first line, so line numbers stay) as that file's own URL.
          build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            const contents = readFileSync(args.path, 'utf8');
            if (!contents.includes('import.meta.url')) return undefined;
            const loader = args.path.endsWith('ts') ? 'ts' : 'js';
            return { contents: `const __kgSourceUrl = ${JSON.stringify(pathToFileURL(args.path).href)}; ${contents}`, loader };
          });
        },
      },
    ],
  };
}

const requireHere = createRequire(import.meta.url);

/**
 * The specifier Node's ES module loader finds for a package import. tsx and esbuild resolve
 * "graphology-shortest-path/unweighted" as CommonJS does, adding ".js"; Node's ESM loader
 * does not for a package without an "exports" map, so such a subpath gets its file name.
 */
function nodeSpecifier(specifier) {
  try {
    // Node 20 resolves without looking at the disk: a file: URL must also exist.
    const url = import.meta.resolve(specifier);
    if (!url.startsWith('file:') || existsSync(fileURLToPath(url))) return specifier;
  } catch {
    // resolved below, as CommonJS does
  }
  let file;
  try {
    file = requireHere.resolve(specifier);
  } catch {
    return specifier; // not installed: Node reports it when (if ever) it is imported
  }
  const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  const packageDir = dirname(requireHere.resolve(`${name}/package.json`));
  return `${name}/${relative(packageDir, file).split(sep).join('/')}`;
}

/** Every file the bundle depends on, by path, size and modification time. */
function sourceStamp() {
  const hash = createHash('sha256');
  hash.update(`${process.version}\n`);
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      // The browser app is not part of the command line.
      if (entry.isDirectory()) {
        if (path !== join(ROOT, 'src', 'app')) visit(path);
      } else {
        const stat = statSync(path);
        hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  visit(join(ROOT, 'src'));
  for (const file of ['package.json', 'tsconfig.json', 'bin/cli-bundle.mjs']) {
    const stat = statSync(join(ROOT, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The directory of an up-to-date CLI bundle (main.mjs, extract-worker.mjs), built if
 * the sources changed since the last one. Processes that build at the same time each
 * write their own directory and the first rename wins; the others use it.
 */
export async function cliBundle() {
  const cache = join(ROOT, 'node_modules', '.cache', 'kg-cli');
  const dir = join(cache, sourceStamp());
  try {
    statSync(join(dir, 'main.mjs'));
    return dir;
  } catch {
    // not built yet for these sources
  }
  const esbuild = await import('esbuild');
  const building = `${dir}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    await esbuild.build(nodeBundleOptions(CLI_ENTRIES, building));
    writeFileSync(join(building, 'README'), 'Built by bin/kg.mjs from src/ (bin/cli-bundle.mjs); safe to delete.\n');
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    throw err;
  }
  try {
    renameSync(building, dir);
  } catch {
    // Another process renamed its build first: same sources, same bundle.
    rmSync(building, { recursive: true, force: true });
    statSync(join(dir, 'main.mjs'));
  }
  // Bundles of older sources are of no further use once no process still runs them (a
  // long-running kg serve loads the English chunk only when English text comes).
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (path === dir) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
  return dir;
}
