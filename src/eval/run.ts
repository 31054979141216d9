/**
 * Stand-alone runner for the evaluation commands until src/cli/main.ts registers
 * them: `npx tsx src/eval/run.ts eval --help`.
 */
import { Command } from 'commander';
import { KgError } from '../model/errors';
import { registerEvalCommands } from './cli';

const program = new Command('kg').description('knowledge-graph entity explorer: evaluation commands');
registerEvalCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Our own errors already say what went wrong and where; anything else is a bug: show the stack.
  process.stderr.write(`${error instanceof KgError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
