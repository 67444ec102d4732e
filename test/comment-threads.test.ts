import { describe, expect, it } from 'vitest';
import { buildThreads, idsOfThreads, sortThreads, type ThreadKey, type ThreadNode } from '../src/modules/comments/comment.presenter';

// Oldest first, as listPublishedKeys reads them: 1 ← 2 ← 3 ← 4 (a reply chain), 5, 6 ← 7, and 8 answering a comment not shown (held).
const keys: ThreadKey[] = [
  { id: 1, parent_id: null, likes: 2 },
  { id: 2, parent_id: 1, likes: 0 },
  { id: 3, parent_id: 2, likes: 0 },
  { id: 4, parent_id: 3, likes: 0 },
  { id: 5, parent_id: null, likes: 9 },
  { id: 6, parent_id: null, likes: 2 },
  { id: 7, parent_id: 6, likes: 0 },
  { id: 8, parent_id: 99, likes: 1 },
];
const roots = (threads: ThreadNode<ThreadKey>[]) => threads.map((n) => n.comment.id);

describe('the threads of a discussion', () => {
  it('keeps deep replies at the deepest level and makes a reply to a comment not shown a thread of its own', () => {
    const threads = buildThreads(keys, 2);
    expect(roots(threads)).toEqual([1, 5, 6, 8]);
    const first = threads[0];
    // 3 and 4 answer 2 and 3 at the third and fourth level: they stay beside 2, at the second.
    expect(first?.children.map((n) => [n.comment.id, n.depth, n.children.length])).toEqual([
      [2, 2, 0],
      [3, 2, 0],
      [4, 2, 0],
    ]);
    expect(idsOfThreads(threads)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('orders threads newest first, most liked first, or picked first (a picked reply brings its thread), leaving the list given as it was', () => {
    const threads = buildThreads(keys, 3);
    const before = roots(threads);
    expect(roots(sortThreads(threads, 'oldest'))).toEqual([1, 5, 6, 8]);
    expect(roots(sortThreads(threads, 'newest'))).toEqual([8, 6, 5, 1]);
    expect(roots(sortThreads(threads, 'top'))).toEqual([5, 1, 6, 8]);
    expect(roots(sortThreads(threads, 'picks', new Set([7, 8])))).toEqual([6, 8, 1, 5]);
    expect(roots(sortThreads(threads, 'picks'))).toEqual([1, 5, 6, 8]);
    expect(roots(threads)).toEqual(before);
  });
});
