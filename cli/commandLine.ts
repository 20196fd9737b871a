/*
 * The command line built from the command specs on commander, which brings the conventions users
 * expect: `--flag value` and `--flag=value`, `--` before operands, `-h`/`--help` and `help X` on every
 * command, `--version`, and "did you mean" for a mistyped command or flag. A value that begins with a
 * dash (`--workers -1`) is taken as the value, so that it reaches the flag's own check and its message
 * (node:util's parseArgs, used before, refused it as "ambiguous", and had no help, version or
 * suggestions: each was glue of our own).
 *
 * commander is held to pymem's ways: it writes through the command's Io (so tests run commands
 * in-process), it throws instead of exiting (main.ts picks the exit code), and its help shows each
 * command's flags with defaults and its exit codes. commander only collects the words; the checks are
 * pymem's, in this order, before the command's `run` sees anything: extra operands, flags that exclude
 * each other, then each value through its flag's parser, defaults included.
 */
import { Command, Option } from 'commander';
import type { Io } from '../io/output.js';
import { UsageError } from '../io/usageError.js';
import { type CommandSpec, exitCodeLines, flagHelp, isValueFlag, usageLine, usageOf, type ValueFlag } from './commandSpec.js';
import { BadValue } from './flagValues.js';

export interface CommandLineEvents {
  /** A command was recognised; parsing its flags starts (errors from now on are that command's). */
  started(name: string): void;
  finished(code: number): void;
}

export function buildCommandLine(specs: CommandSpec[], version: string, io: Io, events: CommandLineEvents): Command {
  const program = new Command('pymem')
    .usage('COMMAND [flags]')
    .description('Property-based verification and fuzzing of CPython-style memory management.')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} })
    .configureHelp({ optionTerm: (o) => o.flags.replace(/ <([^>]+)>$/, ' $1'), subcommandTerm: (c) => `${c.name()} ${c.usage()}` })
    .exitOverride()
    .allowExcessArguments(true)
    .optionsGroup('Flags:')
    .addHelpOption(new Option('-h, --help', 'show this help').helpGroup('Flags:'))
    .helpCommand('help [COMMAND]', "show a command's help")
    .version(version, '-V, --version', "print pymem's version")
    .hook('preSubcommand', (_program, sub) => events.started(sub.name()));
  for (const spec of specs) addCommand(program, spec, io, events);
  return program;
}

function addCommand(program: Command, spec: CommandSpec, io: Io, events: CommandLineEvents): void {
  const command = program.command(spec.name).summary(spec.summary).description(spec.about).usage(usageOf(spec)).optionsGroup('Flags:');
  for (const operand of spec.operands) {
    command.argument(operand.count === 'one' ? `<${operand.name}>` : operand.count === 'many' ? `<${operand.name}...>` : `[${operand.name}]`, operand.help);
  }
  const options = new Map<string, Option>();
  for (const [name, flag] of Object.entries(spec.flags)) {
    const option = new Option(isValueFlag(flag) ? `--${name} <${flag.value}>` : `--${name}`, flagHelp(flag));
    command.addOption(option);
    options.set(name, option);
  }
  command.addHelpText('after', `\nExit codes:\n${exitCodeLines(spec.exits).map((l) => `  ${l}`).join('\n')}\n`);
  command.action(async () => {
    checkOperandCount(spec, command.args);
    const given = new Map<string, unknown>();
    for (const name of Object.keys(spec.flags)) {
      const value = command.getOptionValue(options.get(name)!.attributeName());
      if (value !== undefined) given.set(name, value);
    }
    checkExclusions(spec, given);
    const values: Record<string, unknown> = {};
    for (const [name, flag] of Object.entries(spec.flags)) {
      const text = given.get(name) ?? (isValueFlag(flag) ? flag.default : false);
      values[name] = isValueFlag(flag) && text !== undefined ? parseFlag(name, flag, text as string) : text;
    }
    events.finished(await spec.run({ values: values as never, operands: command.args }, io));
  });
}

function checkExclusions(spec: CommandSpec, given: Map<string, unknown>): void {
  for (const [name, flag] of Object.entries(spec.flags)) {
    const other = flag.excludes?.find((o) => given.has(o));
    if (given.has(name) && other !== undefined) throw new UsageError([`--${name} and --${other} exclude each other; give one of them`]);
  }
}

function parseFlag(name: string, flag: ValueFlag<unknown>, text: string): unknown {
  try {
    return flag.parse(text);
  } catch (e) {
    if (!(e instanceof BadValue)) throw e;
    throw new UsageError([`--${name} ${e.mustBe}, not '${e.found ?? text}'`]);
  }
}

/** commander checks that required operands are there; pymem also refuses ones no command asked for. */
function checkOperandCount(spec: CommandSpec, operands: string[]): void {
  const takesMany = spec.operands.some((o) => o.count === 'many');
  if (!takesMany && operands.length > spec.operands.length) {
    throw new UsageError([`unexpected argument '${operands[spec.operands.length]}'`, usageLine(spec)]);
  }
}
