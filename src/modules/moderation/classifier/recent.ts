/**
 * A function of one string that remembers its answers for the last `size` arguments, oldest
 * forgotten first. A comment's text is read by several phases (profanity, readability, spam,
 * toxicity), the comments of a group go through the phases side by side, and words repeat
 * from one comment to the next: each is worked out once. Answers are shared between callers,
 * so they must be values nobody changes (strings, booleans, frozen arrays, read-only maps).
 */
export function rememberRecent<T>(size: number, fn: (s: string) => T): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = fn(s);
      if (memo.size >= size) memo.delete(memo.keys().next().value as string);
      memo.set(s, v);
    }
    return v;
  };
}
