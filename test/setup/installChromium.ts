/*
 * vitest's global set-up: the page tests (test/pages/) drive Debian's `chromium` headless, and a fresh
 * machine does not have it. Installed here, once, before any test file runs, when it is missing and this
 * machine can install it (root, with apt-get); otherwise the page tests skip and say why
 * (test/pages/chromium.ts). Set PYMEM_NO_CHROMIUM_INSTALL=1 to skip the attempt.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../pages/chromium.js';

export default function installChromium(): void {
  if (existsSync(CHROMIUM) || process.env.PYMEM_NO_CHROMIUM_INSTALL) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) return;
  console.log('[pymem] installing Debian\'s chromium for the page tests (apt-get install -y chromium)…');
  const run = (args: string[]) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  const installed = run(['update', '-qq']).status === 0 && run(['install', '-y', '-qq', 'chromium']).status === 0;
  if (!installed || !existsSync(CHROMIUM)) console.log('[pymem] could not install chromium: the page tests will be skipped');
}
