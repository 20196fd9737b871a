/*
 * The `pymem` command line (SPEC §6): one binary, a command per word. Every failure a user can cause
 * ends here as a message and exit code 2; only a bug in pymem itself may escape as a stack trace.
 */
import { PRELUDE } from '../language/prelude.js';
import { commandBench } from './commandBench.js';
import { commandCheck } from './commandCheck.js';
import { commandOracle } from './commandOracle.js';
import { commandFuzz } from './commandFuzz.js';
import { commandMerge } from './commandMerge.js';
import { commandReplay } from './commandReplay.js';
import { commandReport } from './commandReport.js';
import { commandRun } from './commandRun.js';
import { commandStats } from './commandStats.js';
import { EXIT } from '../io/exitCodes.js';
import { processIo, type Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';

type Command = (args: string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<string, { summary: string; run: Command }> = {
  run: { summary: 'run FILE.py [--engine impl|model] [--snapshot]   execute, print the trace', run: commandRun },
  check: { summary: 'check FILE.py                                     model vs implementation in lockstep', run: commandCheck },
  stats: { summary: 'stats FILE.py [--html OUT.html]                   allocator statistics after the program', run: commandStats },
  fuzz: { summary: 'fuzz [--time 60s] [--workers N] [--out DIR] …     a campaign (--help for the flags)', run: commandFuzz },
  replay: { summary: 'replay FINDING.json [--dot FILE]                  re-run a finding: failing step, diff, heap picture', run: commandReplay },
  oracle: { summary: 'oracle FILE.py | --generate N [--seed S]          the implementation against real CPython 3.11', run: commandOracle },
  report: { summary: 'report DIR                                        write DIR/report.html for a campaign', run: commandReport },
  merge: { summary: 'merge DIR... [--out DIR]                          combine campaign directories (shards)', run: commandMerge },
  bench: { summary: 'bench [--json] [--quick] [--only SECTIONS]        the benchmarks of SPEC §8 against their targets', run: commandBench },
  prelude: {
    summary: 'prelude                                           print the Python prelude',
    run: (_args, io) => (io.out(PRELUDE), EXIT.ok),
  },
};

function usage(): string {
  return ['usage: pymem COMMAND [ARGS]', '', 'commands:', ...Object.values(COMMANDS).map((c) => '  ' + c.summary), ''].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`pymem: unknown command '${name}'\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.lines.join('\n') + '\n');
      return EXIT.usage;
    }
    throw e;
  }
}
