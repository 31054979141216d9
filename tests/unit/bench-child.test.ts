/**
 * `kg bench` measures the extractor in a child process of its own: its peak memory is that
 * process's (Node + the extractor and the texts), with the runtime's own RSS beside it, and
 * the child runs with the Node flags every `kg` command gets from bin/kg.mjs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KG_NODE_FLAGS, runBench, type BenchMemoryDetail } from '../../src/eval/bench';
import type { BenchReport } from '../../src/eval/report';
import { KG, runKg } from '../support/run-kg';


let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-bench-test-'));
  writeFileSync(join(dir, 'book_1.txt'), '\uFEFFНачальник департамента МВД России Иван Петров сообщил о задержании в Москве.\n');
  writeFileSync(join(dir, 'book_2.txt'), 'В Алматы полиция изъяла 2 кг героина.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kg bench measures a child process', () => {
  let report: BenchReport & { memory: BenchReport['memory'] & BenchMemoryDetail };
  beforeAll(async () => {
    report = (await runBench({ dir, repeat: 1 })) as typeof report;
  }, 120_000);

  it('reports the child process peak RSS, the runtime baseline beside it, and the flags it ran with', () => {
    const m = report.memory;
    expect(m.measuredIn).toBe('child process');
    expect(m.runtime).toBe('node-bundle');
    for (const flag of KG_NODE_FLAGS) expect(m.command).toContain(flag);
    expect(m.baselinePeakRssMB).toBeGreaterThan(10);
    // The headline is the whole process: loading the dictionaries costs far more than nothing.
    expect(m.peakRssMB).toBeGreaterThan(m.baselinePeakRssMB! + 20);
    expect(m.rssAfterStartupMB).toBeGreaterThan(m.rssBeforeStartupMB);
  });

  it('extracts every document and counts what the extractor loaded, without the English pipeline', () => {
    expect(report.dataset.documents).toBe(2);
    // The headline is one cold pass in a fresh process; the warm pass is reported beside it.
    expect(report.measuredIn).toBe('fresh child process');
    expect(report.cold.documentsPerSecond).toBeGreaterThan(0);
    expect(report.cold.charactersPerSecond).toBeGreaterThan(report.cold.documentsPerSecond);
    expect(report.warm.runs).toHaveLength(1);
    const names = report.disk.loadedFiles.map((f) => f.name);
    expect(names).toContain('az/words.dawg');
    expect(names).toContain('models/ner-ru.json');
    expect(names.filter((n) => n.startsWith('lexicons/en/'))).toEqual([]);
    expect(report.disk.loadedBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('names a directory without documents', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kg-bench-empty-'));
    try {
      await expect(runBench({ dir: empty, repeat: 1 })).rejects.toThrow(/no factRuEval documents/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('bin/kg.mjs', () => {
  it('runs kg with the same Node flags as the benchmark measures with', () => {
    const source = readFileSync(KG, 'utf8');
    const literal = /const KG_NODE_FLAGS = (\[[^\]]*\]);/.exec(source)?.[1];
    expect(literal).toBeDefined();
    expect(JSON.parse(literal!.replaceAll("'", '"'))).toEqual([...KG_NODE_FLAGS]);
  });

  it('passes the exit code and output of the command through when it adds the flags', async () => {
    const run = (args: string[]) => runKg(args, { env: { NODE_OPTIONS: '' } });
    const help = await run(['bench', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--repeat/);
    const bad = await run(['bench', '--repeat', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/integer >= 1/);
  }, 60_000);
});
