/** `kg remove`, `kg merge`, `kg split`: changes a user makes to the graph. */
import type { Command } from 'commander';
import { action } from './errors';
import { GRAPH_OPTION_HELP, defaultStore, withStore } from './graph-session';

export function registerEditCommands(program: Command): void {
  program
    .command('remove')
    .description("retract an article: its mentions, evidence and relations; entities no other article supports are dropped")
    .argument('<article-id>', 'the article id (content hash) as shown by kg ingest or kg stats --articles')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .action(
      action(async (id: string, flags: { graph: string }) => {
        const { removedEntities } = await withStore(flags.graph, { create: false }, (store) => store.removeArticle(id));
        process.stdout.write(`removed article ${id}; ${removedEntities.length} entities dropped${removedEntities.length ? `: ${removedEntities.join(', ')}` : ''}\n`);
      }),
    );

  program
    .command('merge')
    .description('declare two entities one: <idB> is merged into <idA>, now and in every later ingest')
    .argument('<idA>', 'the entity id to keep')
    .argument('<idB>', 'the entity id merged into it')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .action(
      action(async (a: string, b: string, flags: { graph: string }) => {
        await withStore(flags.graph, { create: false }, (store) => store.mergeNodes(a, b));
        process.stdout.write(`merged ${b} into ${a} (recorded as an override)\n`);
      }),
    );

  program
    .command('split')
    .description('split the mentions written as the given aliases off an entity into an entity of their own, now and in every later ingest')
    .argument('<id>', 'the entity id')
    .requiredOption('--alias <alias...>', 'forms (as written or canonical) that name a different entity')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .addHelpText('after', '\nExample:\n  kg split person:ivanov --alias "Иванова" "Ивановой"\n')
    .action(
      action(async (id: string, flags: { alias: string[]; graph: string }) => {
        const newId = await withStore(flags.graph, { create: false }, (store) => store.splitNode(id, flags.alias));
        process.stdout.write(`split ${flags.alias.join(', ')} off ${id} into ${newId} (recorded as an override)\n`);
      }),
    );
}
