/*
 * Running the `pymem` binary as a user does (`node bin/pymem.js …`), for the campaign tests: campaigns
 * start their workers from the compiled dist/, so these tests need `npm run build` first (`npm test`
 * runs it). Also: temporary directories, and reading a campaign directory as pymem does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const REPO = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'pymem.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startPymem(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function pymem(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return startPymem(args, env).done;
}

const made: string[] = [];
// Registered when a test file imports this module, so it runs when that file ends.
afterAll(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pymem-test-${name}-`));
  made.push(dir);
  return dir;
}

/** file name → content, for comparing two directories. */
export function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
