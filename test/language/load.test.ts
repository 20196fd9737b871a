import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../language/load.js';

describe('loadProgram', () => {
  it('returns the program when it parses and validates', () => {
    const loaded = loadProgram('# pymem: pool_size=1024 arena_size=2048\nx = []\nx.append(x)\n', 'ok.py');
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.program.statements).toHaveLength(2);
      expect(loaded.program.geometry).toEqual({ poolSize: 1024, arenaSize: 2048 });
    }
  });

  it('formats validation problems as FILE:LINE:COL: message, sorted by position', () => {
    expect(loadProgram('x = [b, a]\ny = (x,)\ny[0] = x\ndel y.a\n', 'prog.py')).toEqual({
      ok: false,
      messages: [
        "prog.py:1:6: name 'b' is not defined",
        "prog.py:1:9: name 'a' is not defined",
        "prog.py:2:6: name 'x' is not defined",
        "prog.py:3:1: name 'y' is not defined",
        "prog.py:3:8: name 'x' is not defined",
        "prog.py:4:5: name 'y' is not defined",
      ],
    });
  });

  it('reports syntax errors alone, without the name errors they would cause', () => {
    expect(loadProgram('x = [\ny = x\nz = bytes(1)\n', 'bad.py')).toEqual({
      ok: false,
      messages: ["bad.py:1:6: expected a name, found end of line", 'bad.py:3:11: bytes size 1 out of range 2..10000000'],
    });
  });

  it('accepts an empty file', () => {
    expect(loadProgram('', 'empty.py').ok).toBe(true);
  });
});
