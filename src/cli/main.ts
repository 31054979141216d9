/**
 * The `kg` command line. Every command has --help; every failure prints one
 * line on stderr and exits non-zero (see errors.ts).
 */
import { Command } from 'commander';
import { registerEvalCommands } from '../eval/cli';
import { trainRussianExtractor } from '../eval/train-hook';
import { registerBenchIngestCommand } from './bench-ingest';
import { registerEditCommands } from './edit';
import { reportError } from './errors';
import { registerExportCommands } from './export';
import { registerExtractCommand } from './extract';
import { registerIngestCommand } from './ingest';
import { registerServeCommand } from './serve';
import { registerStatsCommand } from './stats';
import { registerWorkerCommand } from './worker';

export function buildProgram(): Command {
  const program = new Command('kg')
    .description('knowledge-graph entity explorer for news: build, inspect, correct and export the entity graph')
    // Usage errors in the same one-line form as every other error ("kg: ...").
    .configureOutput({ outputError: (message, write) => write(`kg: ${message.replace(/^error: /, '').trimEnd()} (see kg --help)\n`) });
  registerIngestCommand(program);
  registerExtractCommand(program);
  registerExportCommands(program);
  registerEditCommands(program);
  registerStatsCommand(program);
  registerServeCommand(program);
  registerEvalCommands(program, { train: trainRussianExtractor });
  registerBenchIngestCommand(program);
  registerWorkerCommand(program);
  // `kg bench` (src/eval) measures extraction; point its help at the ingest benchmark
  // too, since "kg bench" is where a user looks for ingest time and memory.
  program.commands
    .find((command) => command.name() === 'bench')
    ?.addHelpText('after', '\nThe whole kg ingest of one article into stores of 1,000 and 10,000 articles, store size and worker throughput: kg bench-ingest (see kg bench-ingest --help).\n');
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = reportError(err);
  });
