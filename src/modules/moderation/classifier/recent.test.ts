import { describe, expect, it } from 'vitest';
import { rememberRecent } from './recent';

describe('rememberRecent', () => {
  it('works each argument out once while it is among the last `size`, then again once forgotten', () => {
    const asked: string[] = [];
    const f = rememberRecent(3, (s) => {
      asked.push(s);
      return s.toUpperCase();
    });
    expect(['a', 'b', 'a', 'c', 'b'].map(f)).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(asked).toEqual(['a', 'b', 'c']);
    // Six more arguments: both generations have turned over, 'a' is forgotten.
    for (const s of ['d', 'e', 'f', 'g', 'h', 'i']) f(s);
    f('a');
    expect(asked.filter((s) => s === 'a')).toHaveLength(2);
    // The last `size` arguments are always remembered.
    const before = asked.length;
    for (const s of ['g', 'h', 'i']) f(s);
    expect(asked).toHaveLength(before);
  });
});
