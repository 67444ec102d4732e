import type { CommentSort, PublicComment } from './comment';
import type { CommentRow } from './comment.repository';

/**
 * A comment as the public sees it: a name, never an email or an address. `picked` and
 * `pickedAt` come from the row's pick (comment.picks.ts `withPicks`); a row read without
 * it is a comment nobody picked (a new comment, a held one).
 */
export function presentComment(r: CommentRow & { picked_at?: string | null }): PublicComment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    author: { name: r.author_name },
    body: r.body,
    html: r.html,
    createdAt: r.created_at,
    status: r.status,
    likes: r.likes,
    editedAt: r.edited_at ?? null,
    picked: r.picked === true,
    pickedAt: r.picked === true ? (r.picked_at ?? null) : null,
  };
}

/** Whether the newsroom picked this comment or one of its replies. */
function hasPick(n: ThreadNode<ThreadKey>, picked: ReadonlySet<number>): boolean {
  return picked.has(n.comment.id) || n.children.some((c) => hasPick(c, picked));
}

/** What threading and ordering read of a comment (a whole row, or only its keys: see buildDiscussion). */
export interface ThreadKey {
  id: number;
  parent_id: number | null;
  likes: number;
}

export interface ThreadNode<C extends ThreadKey = CommentRow> {
  comment: C;
  depth: number;
  children: ThreadNode<C>[];
  parentNode?: ThreadNode<C>;
}

/**
 * Builds reply trees from a flat, oldest-first list. Replies deeper than maxDepth
 * are attached at the deepest level, so nothing is ever hidden; a reply whose
 * parent is not in the list (held, deleted) becomes a top-level comment.
 */
export function buildThreads<C extends ThreadKey>(rows: C[], maxDepth: number): ThreadNode<C>[] {
  const nodes = new Map<number, ThreadNode<C>>();
  const roots: ThreadNode<C>[] = [];
  for (const r of rows) {
    const parent = r.parent_id !== null ? nodes.get(r.parent_id) : undefined;
    let host = parent;
    while (host && host.depth >= maxDepth) host = host.parentNode;
    const node: ThreadNode<C> = { comment: r, depth: host ? host.depth + 1 : 1, children: [] };
    if (host) {
      node.parentNode = host;
      host.children.push(node);
    } else roots.push(node);
    nodes.set(r.id, node);
  }
  return roots;
}

/**
 * Orders the top-level threads of an oldest-first thread list (replies stay in
 * conversation order under their parent): newest first, most liked first, or the threads
 * holding a comment of `picked` (the newsroom's picks) first. The list given is not changed.
 */
export function sortThreads<C extends ThreadKey>(roots: ThreadNode<C>[], sort: CommentSort, picked: ReadonlySet<number> = new Set()): ThreadNode<C>[] {
  if (sort === 'oldest') return roots;
  if (sort === 'newest') return [...roots].reverse();
  if (sort === 'picks') {
    const first = roots.map((r) => hasPick(r, picked));
    return [...roots.filter((_, i) => first[i]), ...roots.filter((_, i) => !first[i])];
  }
  return [...roots].sort((a, b) => b.comment.likes - a.comment.likes || a.comment.id - b.comment.id);
}

/** Whether a thread holds this comment (its root or any reply). */
function holds(n: ThreadNode<ThreadKey>, id: number): boolean {
  return n.comment.id === id || n.children.some((c) => holds(c, id));
}

/** One page of a discussion: its threads, its number and how many pages there are (at least one). */
export interface ThreadPage<C extends ThreadKey = CommentRow> {
  threads: ThreadNode<C>[];
  page: number;
  pages: number;
}

/**
 * The `page`-th page of `size` top-level threads (each with all its replies) of an ordered list;
 * with `focus`, the page holding that comment's thread instead (the no-JS reply, like, report and
 * "back after posting" land where the comment is); undefined past the last page.
 */
export function pageOfThreads<C extends ThreadKey>(threads: ThreadNode<C>[], size: number, page: number, focus?: number): ThreadPage<C> | undefined {
  const pages = Math.max(1, Math.ceil(threads.length / size));
  const at = focus !== undefined ? threads.findIndex((n) => holds(n, focus)) : -1;
  const shown = at >= 0 ? Math.floor(at / size) + 1 : page;
  if (shown < 1 || shown > pages) return undefined;
  return { threads: threads.slice((shown - 1) * size, shown * size), page: shown, pages };
}

/** Every comment id of these threads (roots and replies). */
export function idsOfThreads(threads: ThreadNode<ThreadKey>[]): number[] {
  const ids: number[] = [];
  const walk = (n: ThreadNode<ThreadKey>): void => {
    ids.push(n.comment.id);
    n.children.forEach(walk);
  };
  threads.forEach(walk);
  return ids;
}

/** The same threads with each comment's whole row; a comment whose row is missing (removed meanwhile) goes with its replies. */
export function withRows(threads: ThreadNode<ThreadKey>[], rows: ReadonlyMap<number, CommentRow>): ThreadNode[] {
  const out: ThreadNode[] = [];
  for (const n of threads) {
    const comment = rows.get(n.comment.id);
    if (comment) out.push({ comment, depth: n.depth, children: withRows(n.children, rows) });
  }
  return out;
}
