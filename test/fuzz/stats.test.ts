import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

function run(args: string[]) {
  let out = '';
  let err = '';
  return main(args, { out: (t) => void (out += t), err: (t) => void (err += t) }).then((code) => ({ code, out, err }));
}

describe('pymem stats', () => {
  it('prints the allocator in the shape of sys._debugmallocstats() after the program', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-stats-'));
    const file = join(dir, 'p.py');
    // bytes(100) asks for 133 bytes: class (133-1)>>4 = 8, 144-byte blocks; malloc(600) is a raw block;
    // the list is a 56-byte object (class 3) with a 16-byte items array for its 2 slots (class 0).
    writeFileSync(file, '# pymem: pool_size=1024 arena_size=4096\nx = bytes(100)\ny = [x, x]\nm = malloc(600)\n');
    const { code, out } = await run(['stats', file, '--html', join(dir, 'heap.html')]);
    expect(code).toBe(0);
    expect(out).toMatch(/^\s+0\s+16\s+1\s+1\s+60$/m); // (1024-48)//16 = 61 blocks, 1 in use
    expect(out).toMatch(/^\s+3\s+64\s+1\s+1\s+14$/m); // (1024-48)//64 = 15 blocks, 1 in use
    expect(out).toMatch(/^\s+8\s+144\s+1\s+1\s+5$/m); // (1024-48)//144 = 6 blocks, 1 in use
    expect(out).toMatch(/# arenas allocated current\s+=\s+1$/m);
    expect(out).toMatch(/# raw \(system\) blocks\s+=\s+1$/m);
    const html = readFileSync(join(dir, 'heap.html'), 'utf8');
    expect(html.match(/<rect /g)?.length).toBe(4); // one arena of 4096/1024 = 4 pools
  });

  it('names the flag when --html cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-stats-'));
    const file = join(dir, 'p.py');
    writeFileSync(file, 'x = []\n');
    const { code, err } = await run(['stats', file, '--html', join(dir, 'no', 'such', 'dir', 'heap.html')]);
    expect(code).toBe(2);
    expect(err).toMatch(/^pymem stats: --html .*: cannot write: its directory does not exist$/m);
  });
});
