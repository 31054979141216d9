/**
 * Prints extraction time per character for growing inputs, to check it stays linear
 * (a benchmark, not a test: the machine is shared and timings are noisy).
 * Run: npx tsx tests/extract/linear-time.script.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExtractor } from '../../src/extract/index';
import { nodeResources, PROJECT_ROOT } from '../../src/node/resources';

async function main(): Promise<void> {
  const t0 = performance.now();
  const ex = await createExtractor(nodeResources());
  console.log(`start-up: ${(performance.now() - t0).toFixed(0)} ms`);
  const seed = readFileSync(join(PROJECT_ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt'), 'utf8');
  ex.extract(seed); // warm the morphology cache
  const words = seed.split(/[\s.,!?"«»()-]+/).filter(Boolean);
  for (const [label, make] of [
    ['article repeated', (n: number) => Array.from({ length: n }, () => seed).join('\n\n')],
    ['one sentence, no punctuation', (n: number) => Array.from({ length: n * 600 }, (_, i) => words[i % words.length]).join(' ')],
  ] as const) {
    for (const n of [4, 16, 64, 256]) {
      const text = make(n);
      const start = performance.now();
      const r = ex.extract(text);
      const ms = performance.now() - start;
      console.log(`${label.padEnd(30)} ${(text.length / 1024).toFixed(0).padStart(6)} KB ${ms.toFixed(0).padStart(6)} ms ${((ms * 1000) / text.length).toFixed(2).padStart(6)} µs/char ${r.entities.length} entities`);
    }
  }
}

void main();
