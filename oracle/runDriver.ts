/*
 * Running the driver: python3 executes the program text (given on standard input) one statement at
 * a time and prints its observation. One fresh interpreter per program, so that no program sees
 * another's freelists, counts or frozen objects. A synchronous form for one program and an
 * asynchronous one so that `--generate` keeps every core busy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { driverPath } from './driverPath.js';
import { parseObservation, type ParsedObservation } from './observation.js';
import { PYTHON } from './python.js';

/**
 * A program that runs longer than this in CPython is reported, not waited for. Per statement as well:
 * while tracemalloc traces, the driver reads the trace of each of its tens of thousands of reserve
 * blocks after every statement (cpython_driver/traces.py), ~0.1–0.4 s a statement on this machine.
 */
export const DRIVER_TIMEOUT_MS = 60_000;
export const DRIVER_TIMEOUT_PER_LINE_MS = 1_000;

const driverTimeout = (programText: string) => DRIVER_TIMEOUT_MS + DRIVER_TIMEOUT_PER_LINE_MS * programText.split('\n').length;

/**
 * `-I -S`: isolated, no site packages (whatever a site hook imports costs more than the driver's
 * whole run, and the driver needs only the standard library); `-B`: write no __pycache__ into the
 * source tree; `-`: the program comes on standard input.
 */
const driverArgs = () => ['-I', '-S', '-B', driverPath(), '-'];

function interpret(status: number | null, signal: string | null, stdout: string, stderr: string): ParsedObservation {
  const parsed = parseObservation(stdout);
  if (parsed.ok) return parsed;
  const how = signal ? `killed by ${signal}` : `exit status ${status}`;
  const detail = stderr.trim().split('\n').slice(-5).join('\n');
  return { ok: false, message: `the driver failed (${how}): ${parsed.message}${detail ? `\n${detail}` : ''}` };
}

export function runDriverSync(programText: string, python: string = PYTHON): ParsedObservation {
  const r = spawnSync(python, driverArgs(), {
    input: programText,
    encoding: 'utf8',
    timeout: driverTimeout(programText),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { ok: false, message: `the driver could not run: ${r.error.message}` };
  return interpret(r.status, r.signal, r.stdout, r.stderr);
}

export function runDriver(programText: string, python: string = PYTHON): Promise<ParsedObservation> {
  return new Promise((resolve) => {
    const child = spawn(python, driverArgs(), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), driverTimeout(programText));
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `the driver could not run: ${e.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve(interpret(status, signal, Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8')));
    });
    child.stdin.on('error', () => {}); // a driver that dies early closes its stdin: reported on close
    child.stdin.end(programText);
  });
}
