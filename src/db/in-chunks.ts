/**
 * `read` over a list at most `size` items at a time (its bound parameters stay under either
 * engine's limit: SQLite 32,766, PostgreSQL 65,535), the answers in order; none for no items.
 * A list that fits is read as it is, without a copy.
 */
export function inChunks<Q, A>(size: number, read: (items: Q[]) => Promise<A[]>): (items: Q[]) => Promise<A[]> {
  return async (items) => {
    if (items.length === 0) return [];
    if (items.length <= size) return read(items);
    const answers: A[] = [];
    for (let i = 0; i < items.length; i += size) answers.push(...(await read(items.slice(i, i + size))));
    return answers;
  };
}
