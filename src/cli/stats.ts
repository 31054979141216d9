/** `kg stats`: what the graph holds. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { KnowledgeBase } from '../graph/knowledge-base';
import { action } from './errors';
import { DEFAULT_GRAPH_PATH, GRAPH_OPTION_HELP, openGraph } from './graph-session';

export function graphStats(kb: KnowledgeBase, top = 10): string {
  kb.flush();
  const { graph } = kb;
  const count = (values: string[]) => {
    const map = new Map<string, number>();
    for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
    return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const lines = [`articles: ${kb.articleCount}`, `entities: ${graph.order}`];
  for (const [type, n] of count(graph.mapNodes((_, a) => a.type))) lines.push(`  ${type.padEnd(14)} ${n}`);
  lines.push(`relations: ${graph.size}`);
  for (const [type, n] of count(graph.mapEdges((_, a) => a.type))) lines.push(`  ${type.padEnd(14)} ${n}`);
  const possible = graph.filterNodes((_, a) => (a.possibleSameAs?.length ?? 0) > 0).length;
  lines.push(`entities with possibleSameAs candidates: ${possible}`);
  const overrides = kb.getOverrides();
  lines.push(`overrides: ${overrides.merges.length} merge(s), ${overrides.splits.length} split(s)`);
  const ranked = graph
    .mapNodes((key, a) => ({ key, label: a.label, type: a.type, mentions: a.mentions, articles: a.articles.length }))
    .sort((a, b) => b.mentions - a.mentions || (a.key < b.key ? -1 : 1))
    .slice(0, top);
  if (ranked.length > 0) {
    lines.push(`most mentioned:`);
    for (const n of ranked) lines.push(`  ${String(n.mentions).padStart(5)}  ${n.label} (${n.type}, ${n.articles} article(s))  ${n.key}`);
  }
  return lines.join('\n');
}

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('summarise the graph: articles, entities and relations by type, most mentioned entities')
    .option('--graph <file>', GRAPH_OPTION_HELP, DEFAULT_GRAPH_PATH)
    .option('--top <n>', 'how many of the most mentioned entities to list', (v) => Number.parseInt(v, 10), 10)
    .option('--articles', 'also list the articles (id, date, title)')
    .action(
      action(async (flags: { graph: string; top: number; articles?: boolean }) => {
        const kb = await openGraph(resolve(flags.graph));
        process.stdout.write(`${graphStats(kb, Number.isFinite(flags.top) ? flags.top : 10)}\n`);
        if (flags.articles) {
          for (const a of kb.listArticles().sort((x, y) => (x.id < y.id ? -1 : 1))) process.stdout.write(`${a.id}  ${a.published ?? '-'}  ${a.title}${a.file ? `  (${a.file})` : ''}\n`);
        }
      }),
    );
}
