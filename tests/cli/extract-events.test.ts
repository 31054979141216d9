/**
 * `kg extract` lines carry `events` (issue 12): every line has the array, every index points
 * into the line's `entities` (after the header mentions were dropped and the rest renumbered),
 * and spans slice the file's text. The seed (Russian, with a markdown header) and an invented
 * English article with a header.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runKg } from '../support/run-kg';

const SEED = join(ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt');

const ENGLISH = `# Police break up a drug ring

Published at: **2020-03-12T08:00:00+00:00**

Author: **Jane Doe**

Original: [Example Wire](https://example.org/news/1)

The Financial Police detained five members of a gang in Shymkent on Monday. The National Security Committee seized 3 kg of cocaine.
`;

interface Line {
  id: string;
  entities: Array<{ start: number; end: number; type: string; text: string }>;
  events: Array<{ subtype: string; trigger: { start: number; end: number; text: string }; evidence: [number, number]; date?: string; arguments: Array<{ role: string; entity?: number; start: number; end: number; text: string; quantity?: number }> }>;
}

describe('kg extract events', () => {
  it('every line has events whose indices and spans are valid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-events-'));
    const en = join(dir, 'ring.md');
    await writeFile(en, ENGLISH);
    const run = await runKg(['extract', SEED, en], { cwd: ROOT });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(2);
    for (const [line, path] of [[lines[0]!, SEED], [lines[1]!, en]] as const) {
      const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      expect(Array.isArray(line.events)).toBe(true);
      expect(line.events.length).toBeGreaterThan(0);
      for (const e of line.events) {
        expect(text.slice(e.trigger.start, e.trigger.end)).toBe(e.trigger.text);
        expect(e.evidence[0]).toBeLessThanOrEqual(e.trigger.start);
        expect(e.trigger.end).toBeLessThanOrEqual(e.evidence[1]);
        for (const a of e.arguments) {
          expect(text.slice(a.start, a.end)).toBe(a.text);
          if (a.entity !== undefined) expect(line.entities[a.entity]).toBeDefined();
          if (a.quantity !== undefined) expect(line.entities[a.quantity]!.type).toBe('QUANTITY');
        }
      }
    }
    // The English article: the detention's place is Shymkent in the renumbered entities, dated by its header.
    const detention = lines[1]!.events.find((e) => e.subtype === 'detention')!;
    const place = detention.arguments.find((a) => a.role === 'place')!;
    expect(lines[1]!.entities[place.entity!]!.text).toBe('Shymkent');
    expect(detention.date).toBe('2020-03-09');
    // The seed: the seizure's heroin with its quantity, through the header's renumbering.
    const heroin = lines[0]!.events.flatMap((e) => e.arguments).find((a) => a.role === 'object' && a.text === 'героина')!;
    expect(lines[0]!.entities[heroin.entity!]!.text).toBe('героина');
    expect(lines[0]!.entities[heroin.quantity!]!.text).toBe('19 килограммов');
  }, 120_000);
});
