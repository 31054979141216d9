/**
 * `kg extract <files...> --jsonl`: one JSON line per input file, the
 * machine-readable contract evaluations use (issue 2, item 6), plus an `entity`
 * key per mention from within-article resolution (issue 4). Keep it stable.
 */
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { loadConventionLexicon, projectEvents, projectMentions, type ConventionLexicon, type Conventions } from '../extract/conventions';
import type { Extractor } from '../extract/index';
import type { ExtractedEvent, ExtractionResult } from '../model/extraction';
import { readArticleFile } from '../ingest/files';
import { extractArticleWhenReady } from '../ingest/extract-article';
import { action, reportError } from './errors';
import { loadExtractor } from './extractor';
import { conventionsOption } from '../eval/cli';
import { nodeResources } from '../node/resources';

export interface ExtractLine {
  id: string;
  lang: ExtractionResult['lang'];
  entities: Array<{ start: number; end: number; type: string; subtype?: string; text: string; norm: string; entity: string; generic?: true; adjective?: true; nominal?: true }>;
  relations: Array<{ type: string; source: number; target: number; evidence: [number, number] }>;
  /** Events (issue 12): entity and quantity index "entities". Always present, [] when none. */
  events: ExtractedEvent[];
}

/**
 * The JSON line for one article-level extraction (see extractArticle: header
 * handled, `entity` filled), field order fixed, optional fields only when present.
 */
export function toExtractLine(id: string, resolved: ExtractionResult): ExtractLine {
  return {
    id,
    lang: resolved.lang,
    entities: resolved.entities.map((m) => ({
      start: m.start,
      end: m.end,
      type: m.type,
      ...(m.subtype !== undefined ? { subtype: m.subtype } : {}),
      text: m.text,
      norm: m.norm,
      entity: m.entity ?? '',
      ...(m.generic ? { generic: true as const } : {}),
      ...(m.adjective ? { adjective: true as const } : {}),
      ...(m.nominal ? { nominal: true as const } : {}),
    })),
    relations: resolved.relations.map((r) => ({ type: r.type, source: r.source, target: r.target, evidence: [r.evidence[0], r.evidence[1]] })),
    events: (resolved.events ?? []).map((e) => ({
      subtype: e.subtype,
      trigger: { start: e.trigger.start, end: e.trigger.end, text: e.trigger.text },
      evidence: [e.evidence[0], e.evidence[1]],
      arguments: e.arguments.map((a) => ({
        role: a.role,
        ...(a.entity !== undefined ? { entity: a.entity } : {}),
        start: a.start,
        end: a.end,
        text: a.text,
        ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
      })),
      ...(e.date !== undefined ? { date: e.date } : {}),
    })),
  };
}

/**
 * One file's line. conventions 'factru' narrows the spans as src/extract/conventions.ts says
 * ("МВД России" -> "МВД", its place "России" being a mention of its own); every mention, its
 * index (relations refer to it), type and entity key stay.
 */
export async function extractFile(path: string, extractor: Extractor, conventions: Conventions = 'product', lexicon?: ConventionLexicon): Promise<ExtractLine> {
  const article = await readArticleFile(path);
  const result = await extractArticleWhenReady(extractor, article);
  const entities = projectMentions(article.text, result.entities, conventions, lexicon);
  const events = projectEvents(result.events, result.entities, entities);
  return toExtractLine(basename(path, extname(path)), { ...result, entities, ...(events ? { events } : {}) });
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('extract entities and relations from files without touching the graph; one JSON line per file')
    .argument('<files...>', 'article files (.md, .txt)')
    .option('--jsonl', 'JSON Lines output (the default and only format; accepted for scripts that pass it)')
    .option(
      '--conventions <conventions>',
      'product: mentions as the graph keeps them ("МВД России" one organisation); factru: spans projected onto factRuEval-2016\'s conventions ("МВД" + "России", "улице Тверской" -> "Тверской"; src/eval/README.md)',
      conventionsOption,
      'product' as const,
    )
    .addHelpText(
      'after',
      `
Each line: {"id", "lang", "entities": [{"start", "end", "type", "subtype"?, "text", "norm", "entity", "generic"?, "adjective"?, "nominal"?}],
            "relations": [{"type", "source", "target", "evidence": [start, end]}],
            "events": [{"subtype", "trigger": {"start", "end", "text"}, "evidence": [start, end],
                        "arguments": [{"role", "entity"?, "start", "end", "text", "quantity"?}], "date"?}]}
Offsets are JavaScript string offsets (UTF-16 code units) into the file's decoded text
(BOM stripped), end exclusive; source/target index "entities"; "entity" is the same key for
every mention of one entity in the file. An event argument's "entity" and an object's
"quantity" index "entities"; "date" is the stated date resolved against the article date. "nominal": a descriptor ("ведомство", "президент")
resolved to the named entity it stands for: its norm is the noun, never the entity's name.
"adjective": a country named by its adjective before a title ("британский премьер"). A file that cannot be read gives one error line
on stderr, the other files are still processed, and the exit code is 1.
`,
    )
    .action(
      action(async (files: string[], flags: { conventions: Conventions }) => {
        const extractor = await loadExtractor({ english: false });
        const lexicon = flags.conventions === 'factru' ? await loadConventionLexicon(nodeResources()) : undefined;
        for (const file of files) {
          try {
            process.stdout.write(`${JSON.stringify(await extractFile(file, extractor, flags.conventions, lexicon))}\n`);
          } catch (err) {
            process.exitCode = Math.max(Number(process.exitCode ?? 0), reportError(err));
          }
        }
      }),
    );
}
