/** Runs the `kg` command (bin/kg.mjs) as a user would, for the CLI tests. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const KG = join(ROOT, 'bin', 'kg.mjs');

export interface KgRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `kg <args>` in `cwd` (the project by default), without colours; `env` adds or overrides variables. */
export function runKg(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<KgRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KG, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, FORCE_COLOR: '0', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
