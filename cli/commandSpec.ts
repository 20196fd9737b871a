/*
 * How a command declares itself: its name, a one-line summary, what it does, its operands, its flags
 * (each with the kind of value it takes and its default) and what its exit codes mean. Everything the
 * user sees about a command is produced from this one declaration — the parsing and validation of
 * its flags, `pymem X --help`, the command list, docs/cli.md — so that adding a flag is one line in the
 * command's spec and no usage text can fall out of step with what the command accepts.
 */
import { EXIT } from '../io/exitCodes.js';
import type { Io } from '../io/output.js';
import type { ParseValue } from './flagValues.js';

interface FlagBase {
  help: string;
  /** Flags that cannot be given with this one. */
  excludes?: readonly string[];
}

/** A flag that takes a value: `--workers N`. */
export interface ValueFlag<T> extends FlagBase {
  /** The value's placeholder in usage and help: N, D, DIR, FILE. */
  value: string;
  parse: ParseValue<T>;
  /** The value used when the flag is not given, as a user would type it (help shows it as is). */
  default?: string;
}

/** A flag that is on or off: `--resume`. */
export interface SwitchFlag extends FlagBase {
  value?: undefined;
}

export type Flag = ValueFlag<unknown> | SwitchFlag;

export type Flags = Record<string, Flag>;

/** A value flag without a default is undefined when not given; a switch is false. */
export type FlagValues<F extends Flags> = {
  [K in keyof F]: F[K] extends ValueFlag<infer T> ? (F[K] extends { default: string } ? T : T | undefined) : boolean;
};

export interface Operand {
  /** As shown in usage: FILE.py, DIR. */
  name: string;
  help: string;
  /** 'one' is required; 'optional' may be left out; 'many' takes one or more. */
  count: 'one' | 'optional' | 'many';
}

/** What each exit code means for this command; 2 (bad usage or input) is the same for all and added by the help. */
export interface ExitMeanings {
  ok: string;
  failed?: string;
  interrupted?: string;
}

export interface CommandSpec<F extends Flags = Flags> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What the command does, for its help and docs/cli.md. */
  about: string;
  operands: Operand[];
  flags: F;
  exits: ExitMeanings;
  run(args: { values: FlagValues<F>; operands: string[] }, io: Io): number | Promise<number>;
}

/** Infers the flags' types from the literal, so that `run` sees each value typed. */
export function defineCommand<const F extends Flags>(spec: CommandSpec<F>): CommandSpec {
  return spec as unknown as CommandSpec;
}

export function isValueFlag(flag: Flag): flag is ValueFlag<unknown> {
  return flag.value !== undefined;
}

/** `FILE.py [flags]`, `DIR... [flags]`: what follows `pymem <command>` in usage lines. */
export function usageOf(spec: CommandSpec): string {
  const operands = spec.operands.map((o) => (o.count === 'optional' ? `[${o.name}]` : o.count === 'many' ? `${o.name}...` : o.name));
  return [...operands, '[flags]'].join(' ');
}

/** The line that follows a usage mistake: what the command takes, and where its flags are described. */
export function usageLine(spec: CommandSpec): string {
  return `usage: pymem ${spec.name} ${usageOf(spec)}  (pymem ${spec.name} --help describes every flag)`;
}

/** A flag's help with its default and the flags it excludes, as help and docs show it. */
export function flagHelp(flag: Flag): string {
  const notes = [
    ...(isValueFlag(flag) && flag.default !== undefined ? [`default ${flag.default}`] : []),
    ...(flag.excludes ?? []).map((other) => `not with --${other}`),
  ];
  return notes.length > 0 ? `${flag.help} (${notes.join('; ')})` : flag.help;
}

const BAD_USAGE = 'bad usage or input: the message says what; nothing was run or written';

/** `0  meaning` lines in order of code, with the meaning of 2 that every command shares. */
export function exitCodeLines(exits: ExitMeanings): string[] {
  const meanings: [number, string | undefined][] = [
    [EXIT.ok, exits.ok], [EXIT.failed, exits.failed], [EXIT.usage, BAD_USAGE], [EXIT.interrupted, exits.interrupted],
  ];
  return meanings.filter(([, m]) => m !== undefined).map(([code, m]) => `${code}  ${m}`);
}
