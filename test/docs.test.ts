/*
 * The repository carries its own contracts (docs/), and its folders say what they hold. A user's clone
 * has nothing beside it — no private specification, no issue tracker — so:
 *
 *   1. no tracked file points outside the repository: no path into the sibling folder the project's
 *      first, private specification lived in, no citation of that specification or of its CPython
 *      reference by section number, no issue number;
 *   2. every relative link in docs/*.md and in every README.md leads to a file that exists, and to a
 *      heading that exists when it names one;
 *   3. every `docs/<page>.md#<section>` a comment or a document cites names a heading of that page, so that
 *      the code's pointers into the contracts survive an edit of the docs;
 *   4. every source folder has a README.md naming each of its files and subfolders.
 *
 * Each checker is a pure function of the files it is given, so the last tests can plant bad inputs and
 * watch each check fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/*
 * What points outside the repository: the sibling folder the old specification and its CPython
 * reference lived in, a citation of either by section sign and number (or the reference by its file
 * name), and issue numbers of a tracker users cannot see. Written as escaped patterns, so that this
 * file does not match itself.
 */
const OUTSIDE_POINTERS: ReadonlyArray<[what: string, pattern: RegExp]> = [
  ['a path into the old shared folder', /\.\.\/shared\b/],
  ['a citation of the old specification', /SPEC\s§/],
  ['a citation of the old reference', /reference\s§/],
  ['a bare section number of the old reference', /(?<!SPEC\s|reference\s)§\s?\d/],
  ['the old reference by name', /cpython-3\.11-memory\.md/],
  ['an issue number', /\bissue\s#\d/i],
];

/** Top-level folders that are not source folders: the tests, the contracts, the command's entry point. */
const NOT_SOURCE = new Set(['test', 'docs', 'bin']);

/** Every tracked text file, by path relative to the repository (git's view; node_modules and dist are not tracked). */
function trackedFiles(): Map<string, string> {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const files = new Map<string, string>();
  for (const path of paths) {
    if (/^(node_modules|dist|\.git)\//.test(path) || !existsSync(join(ROOT, path))) continue;
    const bytes = readFileSync(join(ROOT, path));
    if (bytes.includes(0)) continue; // binary
    files.set(path, bytes.toString('utf8'));
  }
  return files;
}

/** Each line of `files` that points outside the repository, as `path:line: what (text)`. */
export function outsidePointers(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of files) {
    text.split('\n').forEach((line, i) => {
      for (const [what, pattern] of OUTSIDE_POINTERS) {
        const match = pattern.exec(line);
        if (match) found.push(`${path}:${i + 1}: ${what} (${match[0]})`);
      }
    });
  }
  return found;
}

/**
 * Each line of `files` left over from a merge that stopped on a conflict (`<<<<<<< ours`, `=======`,
 * `>>>>>>> theirs` at the start of a line), as `path:line`: a README or .gitignore that still holds both
 * sides. Matched only with the opening and closing markers both present in the file, so that a Markdown
 * setext rule of equals signs alone is not taken for one.
 */
export function conflictMarkers(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of files) {
    if (!/^<{7}( |$)/m.test(text) || !/^>{7}( |$)/m.test(text)) continue;
    text.split('\n').forEach((line, i) => {
      if (/^(<{7}|>{7})( |$)|^={7}$/.test(line)) found.push(`${path}:${i + 1}`);
    });
  }
  return found;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown file's headings (outside code blocks). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutCode(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(headingAnchor(heading[1]));
  }
  return anchors;
}

/** Markdown with fenced code blocks and inline code spans blanked out: links there are not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/**
 * Each relative link of the markdown files in `files` (path → text) whose target file is missing, or
 * whose `#anchor` names no heading of its target, as `path: [text](target) …`. `read` gives another
 * file's text, or undefined when it does not exist.
 */
export function brokenLinks(files: Map<string, string>, read: (path: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const [path, text] of files) {
    for (const link of withoutCode(text).matchAll(/!?\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      const target = link[2];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
      const [file, anchor] = target.split('#', 2);
      const resolved = file === '' ? path : posix.normalize(posix.join(posix.dirname(path), decodeURI(file)));
      const content = resolved.endsWith('/') ? read(`${resolved}README.md`) ?? read(resolved) : read(resolved);
      if (content === undefined) {
        broken.push(`${path}: ${link[0]} leads to ${resolved}, which does not exist`);
      } else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(content).has(anchor)) {
        broken.push(`${path}: ${link[0]} names #${anchor}, which is no heading of ${resolved}`);
      }
    }
  }
  return broken;
}

/**
 * Each `docs/<page>.md#<section>` cited in `files` (anywhere in the text: comments cite sections without
 * markdown) whose page or heading does not exist, as `path:line: docs/<page>.md#<section> …`.
 */
export function brokenSectionCitations(files: Map<string, string>, read: (path: string) => string | undefined): string[] {
  const broken: string[] = [];
  for (const [path, text] of files) {
    text.split('\n').forEach((line, i) => {
      for (const [citation, page, anchor] of line.matchAll(/\bdocs\/([\w.-]+\.md)#([\w-]+)/g)) {
        const content = read(`docs/${page}`);
        if (content === undefined) broken.push(`${path}:${i + 1}: ${citation} cites a page that does not exist`);
        else if (!anchorsOf(content).has(anchor)) broken.push(`${path}:${i + 1}: ${citation} names no heading of docs/${page}`);
      }
    });
  }
  return broken;
}

/** Whether `readme` names `entry`: a file by its name (or, for `NAME.ext…`, `NAME` as a code span), a folder as `name/`. */
function mentions(readme: string, entry: string, isFolder: boolean): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (isFolder) return new RegExp(`(?<![\\w.-])${escape(entry)}/`).test(readme);
  const stem = entry.slice(0, entry.indexOf('.') > 0 ? entry.indexOf('.') : undefined);
  return new RegExp(`(?<![\\w.-])${escape(entry)}(?![\\w])`).test(readme) || readme.includes(`\`${stem}\``);
}

/**
 * The source folders of a list of tracked paths (every folder holding a tracked file, but for the
 * tests, the docs and bin/), each with its files and subfolders; and what each README fails to name.
 */
export function readmeGaps(paths: string[], read: (path: string) => string | undefined): string[] {
  const folders = new Map<string, { files: Set<string>; folders: Set<string> }>();
  const entriesOf = (folder: string) => {
    let entries = folders.get(folder);
    if (!entries) folders.set(folder, (entries = { files: new Set(), folders: new Set() }));
    return entries;
  };
  for (const path of paths) {
    const parts = path.split('/');
    if (parts.length < 2 || NOT_SOURCE.has(parts[0]) || parts[0].startsWith('.') || parts[0] === 'node_modules' || parts[0] === 'dist') continue;
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (depth === parts.length - 1) entriesOf(folder).files.add(parts[depth]);
      else entriesOf(folder).folders.add(parts[depth]);
    }
  }
  const gaps: string[] = [];
  for (const [folder, { files, folders: subfolders }] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const readme = read(`${folder}/README.md`);
    if (readme === undefined) {
      gaps.push(`${folder}/ has no README.md`);
      continue;
    }
    for (const file of [...files].sort()) {
      if (file !== 'README.md' && !mentions(readme, file, false)) gaps.push(`${folder}/README.md does not name ${file}`);
    }
    for (const sub of [...subfolders].sort()) {
      if (!mentions(readme, sub, true)) gaps.push(`${folder}/README.md does not name ${sub}/`);
    }
  }
  return gaps;
}

const readFromDisk = (path: string): string | undefined => {
  const file = join(ROOT, path);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return existsSync(file) ? '' : undefined; // a directory exists but has no text
  }
};

describe('the repository stands on its own', () => {
  const files = trackedFiles();

  it('no tracked file points outside the repository', () => {
    expect(files.size).toBeGreaterThan(300);
    expect(outsidePointers(files).join("\n")).toEqual("");
  });

  it('no tracked file holds the markers of an unresolved merge conflict', () => {
    expect(conflictMarkers(files).join('\n')).toEqual('');
  });

  it('every relative link in docs/ and in the READMEs leads to a file (and a heading) that exists', () => {
    const markdown = new Map([...files].filter(([path]) => /^docs\/[^/]+\.md$/.test(path) || /(^|\/)README\.md$/.test(path)));
    expect(markdown.size).toBeGreaterThan(20);
    expect(brokenLinks(markdown, readFromDisk)).toEqual([]);
  });

  it('every docs/<page>.md#<section> cited anywhere names a heading of that page', () => {
    expect(brokenSectionCitations(files, readFromDisk)).toEqual([]);
  });

  it('every source folder has a README naming each of its files and subfolders', () => {
    expect(readmeGaps([...files.keys()], readFromDisk).join("\n")).toEqual("");
  });
});

/*
 * The planted inputs spell the forbidden words from parts, so that this file passes its own first check.
 */
const SECTION = '\u00a7';
const SHARED = ['..', 'shared'].join('/');
const OLD_SPEC = ['SPEC', SECTION].join(' ');
const DOCS = ['docs', ''].join('/');

describe('each check fails on a planted bad input', () => {
  it('finds a path into the old sibling folder, a section citation and an issue number', () => {
    const planted = new Map([
      ['impl/gc/collect.ts', ` * The phases of gc_collect_main (${OLD_SPEC}4, ${SECTION}1.5; ${SHARED}/reference).\n`],
      ['README.md', `Fixed in ${'issue'} #12.\n`],
      ['docs/trace.md', 'Fields are listed in contract/trace.ts.\n'],
    ]);
    expect(outsidePointers(planted)).toEqual([
      `impl/gc/collect.ts:1: a path into the old shared folder (${SHARED})`,
      `impl/gc/collect.ts:1: a citation of the old specification (${OLD_SPEC})`,
      `impl/gc/collect.ts:1: a bare section number of the old reference (${SECTION}1)`,
      `README.md:1: an issue number (${'issue'} #1)`,
    ]);
  });

  it('finds the markers of an unresolved merge conflict, and not a setext rule', () => {
    const [open, middle, close] = ['<', '=', '>'].map((c) => c.repeat(7));
    const planted = new Map([
      ['.gitignore', `dist/\n${open} HEAD\nreports/\n${middle}\npymem-*.tgz\n${close} main\n`],
      ['docs/api.md', `Title\n${middle}\n`],
    ]);
    expect(conflictMarkers(planted)).toEqual(['.gitignore:2', '.gitignore:4', '.gitignore:6']);
  });

  it('finds a link to a missing file and to a missing heading, and ignores links in code', () => {
    const disk = new Map([
      ['docs/trace.md', '# The trace\n## Ids\n'],
      ['oracle/README.md', '# oracle/\n'],
    ]);
    const planted = new Map([
      ['docs/campaign.md', [
        'See [the trace](trace.md#ids), [the oracle](../oracle/) and [the web](https://example.com/x.md).',
        `But [the spec](../${SHARED}/SPEC.md) is gone, and [no such heading](trace.md#snapshots).`,
        '```', '[inside code](missing.md)', '```', 'and `[inline](missing.md)` too.',
      ].join('\n')],
    ]);
    expect(brokenLinks(planted, (path) => disk.get(path))).toEqual([
      `docs/campaign.md: [the spec](../${SHARED}/SPEC.md) leads to ${SHARED}/SPEC.md, which does not exist`,
      'docs/campaign.md: [no such heading](trace.md#snapshots) names #snapshots, which is no heading of docs/trace.md',
    ]);
  });
  it('finds a cited section that is no heading, and a cited page that does not exist', () => {
    const disk = new Map([['docs/cpython-3.11.md', '# CPython\n## Freelists\n## Collection phases\n']]);
    const planted = new Map([
      ['impl/gc/collect.ts', ` * gc_collect_main (${DOCS}cpython-3.11.md#collection-phases), then ${DOCS}cpython-3.11.md#free-lists.\n`],
      ['impl/gc/traverse.ts', ` * The order of tp_traverse (${DOCS}traversal.md#lists).\n`],
    ]);
    expect(brokenSectionCitations(planted, (path) => disk.get(path))).toEqual([
      `impl/gc/collect.ts:1: ${DOCS}cpython-3.11.md#free-lists names no heading of docs/cpython-3.11.md`,
      `impl/gc/traverse.ts:1: ${DOCS}traversal.md#lists cites a page that does not exist`,
    ]);
  });

  it('finds a folder without a README and a README that leaves out a file or a subfolder', () => {
    const paths = [
      'io/README.md', 'io/exitCodes.ts', 'io/output.ts',
      'fuzz/README.md', 'fuzz/store/README.md', 'fuzz/store/hash.ts', 'fuzz/worker/worker.ts',
      'examples/README.md', 'examples/cycle.py', 'examples/cycle.trace.jsonl',
      'test/helpers/programs.ts', 'docs/trace.md', 'bin/pymem.js',
    ];
    const readmes = new Map([
      ['io/README.md', '| `exitCodes.ts` | … |\n| `outputs.ts` | a near miss is no mention |'],
      ['fuzz/README.md', 'Parts: `store/`.'],
      ['fuzz/store/README.md', '`hash.ts`'],
      ['examples/README.md', '| `cycle` | a program and its trace, named once |'],
    ]);
    expect(readmeGaps(paths, (path) => readmes.get(path))).toEqual([
      'fuzz/README.md does not name worker/',
      'fuzz/worker/ has no README.md',
      'io/README.md does not name output.ts',
    ]);
  });

  it('spells anchors as GitHub does', () => {
    expect(headingAnchor('Finalizers and resurrection')).toBe('finalizers-and-resurrection');
    expect(headingAnchor('`collect(g)`')).toBe('collectg');
    expect(headingAnchor('Memory behind objects, and `sys.getsizeof`')).toBe('memory-behind-objects-and-sysgetsizeof');
  });
});
