/**
 * Builds the explorer once for all browser tests, into a temp dir (never the
 * project's dist/, which `npm start` uses). Each test file serves it with its own
 * small static server and graph fixture.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'kg-e2e-dist-'));
  await build({
    configFile: resolve(import.meta.dirname, '..', '..', '..', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  project.provide('distDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
