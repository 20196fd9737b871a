/*
 * The `pymem` command line (docs/cli.md): one binary, a command per word, each declared by its spec
 * (commandSpec.ts) in the table below. This is where exit codes are chosen: 0 success, 1 a check
 * failed or a campaign found something, 2 bad usage or input, 3 interrupted. Every failure a user can
 * cause ends here as a message and exit 2 — `pymem <command>: …` for the command as typed,
 * `FILE:LINE:COL: …` for a problem inside a file; only a bug in pymem itself may escape as a stack trace.
 */
import { CommanderError } from 'commander';
import { versions } from '../fuzz/store/versions.js';
import { EXIT } from '../io/exitCodes.js';
import { processIo, type Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { failureWhere } from '../properties/lockstep/divergence.js';
import { LockstepCrash } from '../properties/lockstep/lockstepCrash.js';
import { benchCommand } from './commandBench.js';
import { checkCommand } from './commandCheck.js';
import { fromCommander } from './commanderErrors.js';
import { fuzzCommand } from './commandFuzz.js';
import { buildCommandLine } from './commandLine.js';
import { mergeCommand } from './commandMerge.js';
import { oracleCommand } from './commandOracle.js';
import { preludeCommand } from './commandPrelude.js';
import { replayCommand } from './commandReplay.js';
import { reportCommand } from './commandReport.js';
import { runCommand } from './commandRun.js';
import type { CommandSpec } from './commandSpec.js';
import { statsCommand } from './commandStats.js';

/** In the order `pymem --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  runCommand, checkCommand, statsCommand, fuzzCommand, replayCommand, oracleCommand, reportCommand, mergeCommand, benchCommand, preludeCommand,
];

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let command: CommandSpec | undefined;
  let code: number = EXIT.ok;
  const commandLine = buildCommandLine([...COMMANDS], versions().pymem, io, {
    started: (name) => void (command = COMMANDS.find((c) => c.name === name)),
    finished: (exit) => void (code = exit),
  });
  try {
    await commandLine.parseAsync(helpAsFlag(argv), { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) return EXIT.ok; // --help, help X, --version
    if (e instanceof CommanderError && e.code === 'commander.help') return EXIT.usage; // no command: the help went to stderr
    const error = e instanceof CommanderError ? fromCommander(e, command) : e;
    if (error instanceof LockstepCrash) {
      // The engine (a plug-in, or pymem's own) threw while a command ran it: a failure, not a usage error.
      io.err(`pymem${command ? ` ${command.name}` : ''}: the engine threw ${failureWhere(error.step, error.line)}: ${error.name}: ${error.message}\n`);
      return EXIT.failed;
    }
    if (!(error instanceof UsageError)) throw error;
    io.err(messageLines(error, command).join('\n') + '\n');
    return EXIT.usage;
  }
}

/**
 * `pymem help X` is run as `pymem X --help`, so the two print the same by construction; a mistyped X
 * is run as the command it is, to get the "did you mean" of an unknown command.
 */
function helpAsFlag(argv: string[]): string[] {
  if (argv[0] !== 'help' || argv.length < 2) return argv;
  return COMMANDS.some((c) => c.name === argv[1]) ? [argv[1], '--help'] : [argv[1]];
}

function messageLines(error: UsageError, command: CommandSpec | undefined): string[] {
  if (error.inFile) return error.lines;
  const [first, ...rest] = error.lines;
  return [`pymem${command ? ` ${command.name}` : ''}: ${first}`, ...rest];
}
