/**
 * Quick English extraction benchmark (not a test): articles per second on the English
 * test articles, and time against input size for large and hostile inputs, to check
 * that it grows linearly. Run: npx tsx tests/extract-en/bench-en.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEnglishExtractor } from '../../src/extract/en/index';
import { PROJECT_ROOT, nodeResources } from '../../src/node/resources';

const t0 = performance.now();
const extractor = await createEnglishExtractor(nodeResources());
console.log(`start-up: ${(performance.now() - t0).toFixed(0)} ms`);

const dir = join(PROJECT_ROOT, 'graph-data', 'articles');
const articles = readdirSync(dir).filter((f) => f.startsWith('en-')).map((f) => readFileSync(join(dir, f), 'utf8'));
for (const a of articles) extractor.extract(a); // warm-up
const rounds = 50;
let t = performance.now();
for (let r = 0; r < rounds; r++) for (const a of articles) extractor.extract(a);
const elapsed = (performance.now() - t) / 1000;
const chars = articles.reduce((n, a) => n + a.length, 0);
console.log(`articles: ${((rounds * articles.length) / elapsed).toFixed(1)} articles/s (${((rounds * chars) / elapsed / 1024).toFixed(0)} KB/s, mean article ${Math.round(chars / articles.length)} chars)`);

const body = articles.join('\n');
for (const size of [100_000, 400_000, 1_600_000, 5_000_000]) {
  const big = body.repeat(Math.ceil(size / body.length)).slice(0, size);
  t = performance.now();
  const r = extractor.extract(big);
  console.log(`prose ${String(size).padStart(9)} chars: ${(performance.now() - t).toFixed(0).padStart(6)} ms, ${r.entities.length} entities`);
}
const words = body.replace(/[^\p{L}\s]/gu, '').replace(/\s+/g, ' ');
for (const size of [50_000, 200_000, 800_000]) {
  const run = words.repeat(Math.ceil(size / words.length)).slice(0, size);
  t = performance.now();
  const r = extractor.extract(run);
  console.log(`one sentence without punctuation ${String(size).padStart(7)} chars: ${(performance.now() - t).toFixed(0).padStart(6)} ms, ${r.entities.length} entities`);
}
