/** `kg export`, `kg import` and `kg schema`. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../model/errors';
import { EXPORT_FORMATS, exportGraph, type ExportFormat } from '../graph/exporters';
import { parseGraphFileTextAnyVersion, writeFileAtomic } from '../graph/file-io';
import { graphFileJsonSchema } from '../graph/schema';
import { serializeGraphFile } from '../graph/serialize';
import { PROJECT_ROOT } from '../node/resources';
import { DEFAULT_DIST_DIR } from '../server/dist';
import { readSummary } from '../store/read-model';
import { action } from './errors';
import { exportSite } from './export-site';
import { GRAPH_OPTION_HELP, defaultStore, displayStore, withStore } from './graph-session';

/** The graph formats, and `site`: the built explorer with the graph, for a static host. */
const CLI_FORMATS = [...EXPORT_FORMATS, 'site'] as const;
type CliFormat = ExportFormat | 'site';

function formatOption(value: string): CliFormat {
  if (!(CLI_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${CLI_FORMATS.join(', ')}`);
  return value as CliFormat;
}

export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('write the graph as JSON (our versioned file), GEXF, GraphML or CSV, or the explorer with the graph as a static site')
    .argument('[dir]', 'with --format site: the directory to write the site into')
    .option('--format <format>', `one of ${CLI_FORMATS.join(', ')}`, formatOption, 'json')
    .option('--out <file>', 'output file (csv: a directory, or a path prefix, that gets nodes.csv and edges.csv); default: stdout')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .addHelpText(
      'after',
      `
GEXF and GraphML have flat attributes (lists joined by " | ", evidence as a count and the
first sentence) and load in Gephi, Gephi Lite and graphology-gexf / graphology-graphml.
Examples:
  kg export --format gexf --out graph.gexf
  kg export --format csv --out exports/      (writes exports/nodes.csv and exports/edges.csv)
  kg export --format site public-site/       (the built explorer and the graph: a read-only snapshot for any static host)
`,
    )
    .action(
      action(async (dir: string | undefined, flags: { format: CliFormat; out?: string; graph: string }) => {
        if (flags.format === 'site') {
          const target = dir ?? flags.out;
          if (!target) throw new InputError('export', 'a site is a directory: kg export --format site DIR');
          const content = await withStore(flags.graph, { create: false }, async (store) => ({ graphText: serializeGraphFile(await store.exportFile()), summary: await store.read(readSummary) }));
          await exportSite(resolve(target), content, DEFAULT_DIST_DIR);
          process.stderr.write(`wrote the explorer and the graph (${content.summary.articles.length} articles) into ${target}: serve it with any static file server\n`);
          return;
        }
        if (dir !== undefined) throw new InputError('export', `unexpected argument ${JSON.stringify(dir)}: only --format site takes a directory (use --out FILE)`);
        const file = await withStore(flags.graph, { create: false }, (store) => store.exportFile());
        const files = exportGraph(flags.format, file);
        if (files.length > 1) {
          // CSV: one file per table, named by the exporter, under the --out directory or prefix.
          if (!flags.out) throw new InputError('export', `${flags.format} export writes ${files.length} files: give --out DIR (or a path prefix)`);
          const prefix = flags.out.endsWith('/') || !flags.out.endsWith('.csv') ? join(flags.out, '') : flags.out.replace(/\.csv$/, '.');
          const paths = files.map((f) => `${prefix}${f.name}`);
          for (const [i, f] of files.entries()) await writeFileAtomic(resolve(paths[i]!), f.text);
          process.stderr.write(`wrote ${paths.join(' and ')}\n`);
          return;
        }
        const { text } = files[0]!;
        if (flags.out) {
          await writeFileAtomic(resolve(flags.out), text);
          process.stderr.write(`wrote ${flags.out}\n`);
        } else process.stdout.write(text);
      }),
    );

  program
    .command('import')
    .description('replace the graph in the store with a graph file exported by kg (versions 1 and 2; validated: type, version and every field)')
    .argument('<file>', 'a kg graph JSON file')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .action(
      action(async (source: string, flags: { graph: string }) => {
        let text: string;
        try {
          text = await readFile(source, 'utf8');
        } catch (err) {
          const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
          throw new InputError('import', missing ? `${source} does not exist` : `${source} cannot be read: ${(err as Error).message}`);
        }
        const file = parseGraphFileTextAnyVersion(text, source);
        await withStore(flags.graph, { create: true }, (store) => store.importFile(file));
        process.stdout.write(`imported ${file.articles.length} article(s), ${file.graph.nodes.length} entities, ${file.graph.edges.length} relations into ${displayStore(flags.graph)}\n`);
      }),
    );

  program
    .command('schema')
    .description('write the JSON Schema of the graph file, generated from the TypeScript (zod) types')
    .option('--out <file>', 'output file', join(PROJECT_ROOT, 'graph-data', 'graph.schema.json'))
    .action(
      action(async (flags: { out: string }) => {
        await writeFileAtomic(resolve(flags.out), `${JSON.stringify(graphFileJsonSchema(), null, 2)}\n`);
        process.stderr.write(`wrote ${flags.out}\n`);
      }),
    );
}
