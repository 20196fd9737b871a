/*
 * Running `pymem` in-process, as the tests of test/cli/ do: main(argv) with an Io that collects what
 * the command printed, so each check costs no process start.
 */
import { main } from '../../cli/main.js';

export interface MainRun {
  code: number;
  out: string;
  err: string;
}

export async function runMain(...argv: string[]): Promise<MainRun> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
