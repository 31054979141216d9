/** `kg stats`: what the graph holds (counted in the store, not loaded). */
import type { Command } from 'commander';
import type { SqlGraphStore } from '../store/sql-store';
import { action } from './errors';
import { GRAPH_OPTION_HELP, defaultStore, withStore } from './graph-session';

export async function graphStats(store: SqlGraphStore, top = 10): Promise<string> {
  const counts = await store.counts();
  const sorted = (record: Record<string, number | undefined>) => Object.entries(record).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || (a[0] < b[0] ? -1 : 1));
  const lines = [`store: ${store.location} (${store.kind})`, `articles: ${counts.articles}`, `entities: ${counts.entities}`];
  for (const [type, n] of sorted(counts.byType)) lines.push(`  ${type.padEnd(14)} ${n}`);
  lines.push(`relations: ${counts.relations}`);
  for (const [type, n] of sorted(counts.byRelation)) lines.push(`  ${type.padEnd(14)} ${n}`);
  lines.push(`entities with possibleSameAs candidates: ${await store.countPossibleSameAs()}`);
  const overrides = await store.getOverrides();
  lines.push(`overrides: ${overrides.merges.length} merge(s), ${overrides.splits.length} split(s)`);
  const ranked = await store.topEntities(top);
  if (ranked.length > 0) {
    lines.push(`most mentioned:`);
    for (const n of ranked) lines.push(`  ${String(n.mentions).padStart(5)}  ${n.label} (${n.type}, ${n.articles} article(s))  ${n.id}`);
  }
  return lines.join('\n');
}

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('summarise the graph: articles, entities and relations by type, most mentioned entities')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .option('--top <n>', 'how many of the most mentioned entities to list', (v) => Number.parseInt(v, 10), 10)
    .option('--articles', 'also list the articles (id, date, title)')
    .action(
      action(async (flags: { graph: string; top: number; articles?: boolean }) => {
        await withStore(flags.graph, { create: false }, async (store) => {
          process.stdout.write(`${await graphStats(store, Number.isFinite(flags.top) && flags.top >= 0 ? flags.top : 10)}\n`);
          if (flags.articles) {
            for (const a of await store.listArticles()) process.stdout.write(`${a.id}  ${a.published ?? '-'}  ${a.title}${a.file ? `  (${a.file})` : ''}\n`);
          }
        });
      }),
    );
}
