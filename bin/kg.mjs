#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli/main.ts) through tsx, so `npx kg ...` works without a build step.
//
// Every kg command runs with KG_NODE_FLAGS: V8's default young generation (3 x 16 MB), its
// four helper threads (each with a malloc arena that stays resident) and its heap growth
// (up to 4x the live data before a full GC) cost a busy extraction process about 60 MB of
// resident memory for no measurable speed. TurboFan's inlining budget is cut from 920 to 250
// bytes of bytecode: a kg command lives seconds to minutes, and in a 400-article ingest the
// optimising compiler's thread used about a third of the CPU, recompiling functions with large
// inlined bodies; the smaller budget made that run 8% faster (mean of four pinned runs, 12.3 s ->
// 11.3 s) with no loss on extraction. kg bench (src/eval/bench.ts) measures the
// extractor with these same flags. When this process was started without them, it runs
// itself again with them, as tsx's own CLI runs a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Keep in sync with KG_NODE_FLAGS in src/eval/bench.ts (tests/unit/bench-child.test.ts checks). */
const KG_NODE_FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=1', '--heap-growing-percent=100', '--max-inlined-bytecode-size-cumulative=250'];

const flagName = (flag) => flag.split('=')[0];
// Flags the user gave (on the command line or in NODE_OPTIONS) win over ours.
const given = new Set([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map(flagName));
const missing = KG_NODE_FLAGS.filter((flag) => !given.has(flagName(flag)));

if (missing.length > 0) {
  // The IPC channel tells the child when this process is gone, even by SIGKILL (see below).
  const child = spawn(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  // Ctrl-C reaches the child directly (same process group): wait for it to finish. Other
  // signals sent to this process alone are passed on.
  const onInterrupt = () => {};
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward);
  child.on('error', (err) => {
    process.stderr.write(`kg: cannot start node: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeListener('SIGINT', onInterrupt);
      process.removeListener('SIGTERM', forward);
      process.removeListener('SIGHUP', forward);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
} else {
  if (process.channel) {
    // Started by the branch above: a kg killed outright (SIGKILL) must not leave its work
    // running, so when the parent is gone this process dies the same way.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }
  await import(await cliEntry());
}

/**
 * The command line to run: the esbuild bundle of src (bin/cli-bundle.mjs), or src itself
 * through tsx when KG_TSX=1 (stack traces point into the sources) or when the bundle
 * cannot be built (say, a read-only node_modules).
 */
async function cliEntry() {
  if (process.env.KG_TSX !== '1') {
    try {
      const { cliBundle } = await import('./cli-bundle.mjs');
      const dir = await cliBundle();
      // The extraction threads (src/node/extraction-thread.ts) start this module, not the source.
      globalThis[Symbol.for('kg.extractWorkerModule')] = pathToFileURL(join(dir, 'extract-worker.mjs')).href;
      return pathToFileURL(join(dir, 'main.mjs')).href;
    } catch (err) {
      if (process.env.KG_DEBUG) process.stderr.write(`kg: running through tsx (no bundle: ${err.message})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return '../src/cli/main.ts';
}
