/**
 * A function of one string that remembers its answers for at least the last `size` arguments.
 * A comment's text is read by several phases (profanity, readability, spam, toxicity), the
 * comments of a group go through the phases side by side, and words repeat from one comment
 * to the next: each is worked out once. Two generations of `size` answers, the older dropped
 * whole when the newer is full: O(1) per call (dropping a Map's oldest key one at a time
 * costs V8 a scan over the holes left by earlier deletions, ~10 times slower at 8,192 keys).
 * Answers are shared between callers, so they must be values nobody changes (strings,
 * booleans, frozen arrays, read-only maps).
 */
export function rememberRecent<T>(size: number, fn: (s: string) => T): (s: string) => T {
  let current = new Map<string, T>();
  let previous = new Map<string, T>();
  return (s) => {
    let v = current.get(s);
    if (v !== undefined) return v;
    v = previous.get(s);
    if (v === undefined) v = fn(s);
    if (current.size >= size) {
      previous = current;
      current = new Map();
    }
    current.set(s, v);
    return v;
  };
}
