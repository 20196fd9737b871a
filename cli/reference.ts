/*
 * docs/cli.md, the reference of the command line, written from the same command specs that parse the
 * flags and print `--help`: every command, its operands, every flag with its default, and what each
 * exit code means. scripts/cli-docs.mjs writes the file; test/cli/reference.test.ts fails when the file
 * and the specs differ, so the page cannot drift from what the commands accept.
 */
import { EXIT } from '../io/exitCodes.js';
import { type CommandSpec, exitCodeLines, flagHelp, isValueFlag, usageOf } from './commandSpec.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function cliReference(commands: readonly CommandSpec[]): string {
  const lines = [
    '# The pymem command line',
    '',
    '<!-- Written by `node scripts/cli-docs.mjs` (after `npm run build`) from the command specs in cli/; edit those. -->',
    '',
    '`pymem COMMAND [flags]`. `pymem --help` (or `pymem help`) lists the commands; `pymem COMMAND --help`, ' +
      '`pymem COMMAND -h` and `pymem help COMMAND` describe one command with every flag; `pymem --version` (or `-V`) ' +
      "prints pymem's version. A flag's value follows it (`--workers 4`) or is joined to it by `=` (`--workers=4`); a " +
      'mistyped command or flag is answered with the nearest one.',
    '',
    '## Exit codes',
    '',
    'The same for every command:',
    '',
    '| code | meaning |',
    '|---|---|',
    `| ${EXIT.ok} | success |`,
    `| ${EXIT.failed} | a check failed: a divergence, a disagreement with CPython, a reproduced finding, or a campaign directory that holds findings |`,
    `| ${EXIT.usage} | bad usage or input: nothing was run or written, and one message says what is wrong |`,
    `| ${EXIT.interrupted} | interrupted by SIGINT or SIGTERM (a campaign stops cleanly and can be resumed) |`,
    '',
    'Messages about the command line start with the command: `pymem fuzz: --workers must be a whole number from 1 ' +
      "to 1024, not '-1'`. Problems inside a file start with the place in the file, `FILE:LINE:COL: …`, the form " +
      'editors jump to — a syntax error in a program, a byte that is not UTF-8, a corrupt campaign file, or a ' +
      'finding whose program was edited into one that no longer loads. No input makes pymem print a stack trace; ' +
      'one would be a bug in pymem.',
    '',
    '## Commands',
    '',
    '| command | what it does |',
    '|---|---|',
    ...commands.map((c) => `| [\`${c.name}\`](#pymem-${c.name}) | ${cell(c.summary)} |`),
    '',
  ];
  for (const command of commands) lines.push(...commandSection(command));
  return lines.join('\n');
}

function commandSection(command: CommandSpec): string[] {
  const lines = [`## pymem ${command.name}`, '', `\`pymem ${command.name} ${usageOf(command)}\``, '', command.about, ''];
  if (command.operands.length > 0) {
    lines.push('| operand | what |', '|---|---|');
    for (const o of command.operands) lines.push(`| \`${o.name}\` | ${cell(o.help)}${o.count === 'many' ? ' (one or more)' : o.count === 'optional' ? ' (optional)' : ''} |`);
    lines.push('');
  }
  lines.push('| flag | what |', '|---|---|');
  for (const [name, flag] of Object.entries(command.flags)) {
    lines.push(`| \`--${name}${isValueFlag(flag) ? ` ${flag.value}` : ''}\` | ${cell(flagHelp(flag))} |`);
  }
  lines.push('| `-h`, `--help` | show the command\'s help |', '');
  lines.push('Exit codes:', '', ...exitCodeLines(command.exits).map((l) => `- ${l.replace(/^(\d+) +/, '$1: ')}`), '');
  return lines;
}
