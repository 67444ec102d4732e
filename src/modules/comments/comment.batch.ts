import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { renderCommentsMarkdown } from '../../web/markdown';
import { bumpArticleVersion } from '../articles/article.read-model';
import { presentComment } from './comment.presenter';
import { insertComments, type CommentRow, type NewComment } from './comment.repository';
import { completeKey } from './idempotency.repository';

/**
 * A comment the pipeline has judged, ready to be written. Without `html`, the writer renders
 * its text with the group's (one sanitize call for the group, renderCommentsMarkdown: the
 * HTML renderCommentMarkdown gives each).
 */
export interface PreparedComment {
  row: Omit<NewComment, 'html'> & { html?: string };
  /** The claimed Idempotency-Key (idempotency.ts) and the answer it keeps, given the new id. */
  key?: { hash: string; answer: (id: number) => string };
}

interface Waiting {
  comment: PreparedComment;
  /** The row as written: the comment's, its HTML rendered (renderGroup). */
  row?: NewComment;
  resolve: (id: number) => void;
  reject: (err: unknown) => void;
}

/** The most comments written by one transaction; the rest wait for the next one. */
const MAX_BATCH = 256;

/** Questions of one kind asked during one turn, answered together (see `gather`). */
interface Asked {
  questions: unknown[];
  waiters: { resolve: (answer: unknown) => void; reject: (err: unknown) => void }[];
  read: (questions: unknown[]) => Promise<unknown[]>;
}

/**
 * Group commit of new comments (one per process, in Deps): comments that arrive while a
 * transaction is being written wait for the next one, so that under load every transaction
 * carries many comments (one commit, one version bump per article) and when idle a comment
 * is written at once. Each caller's promise settles only once its comment's transaction has
 * committed (durable: SQLite's WAL with `synchronous = NORMAL`, a PostgreSQL commit). A batch
 * that fails is written again one comment per transaction, so one bad comment fails alone.
 * After the commit: one page-cache drop per article of the batch (the static snapshots
 * gather those, see infra/static-snapshots.ts), then each published comment is announced to
 * the live streams, in id order.
 */
export class CommentWriter {
  private queue: Waiting[] = [];
  private running: Promise<void> | undefined;
  private scheduled = false;
  /** Reads shared by the comments arriving in one turn of the event loop (see `shared`). */
  private readonly turn = new Map<string, Promise<unknown>>();

  /**
   * What every comment of a group reads alike (the article, the discussion settings): read
   * once for the requests that reach this point in the same turn of the event loop, forgotten
   * at the next one, so a change made before a request arrives is always seen by it.
   */
  shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.turn.get(key) as Promise<T> | undefined;
    if (known) return known;
    if (this.turn.size === 0) setImmediate(() => this.turn.clear());
    const p = read();
    this.turn.set(key, p);
    return p;
  }

  private readonly asked = new Map<string, Asked>();

  /**
   * A question about one comment (is its author banned, when did they last post…) asked
   * alongside the comments in the same turn of the event loop: all the questions of one
   * kind asked in that turn are answered by one `read` (given them in order, answering in
   * order) at the end of the turn, so a group of N comments costs one query per kind, not N.
   * The read happens after the question is asked: a comment written before is always seen.
   */
  gather<Q, A>(kind: string, question: Q, read: (questions: Q[]) => Promise<A[]>): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      let batch = this.asked.get(kind);
      if (!batch) {
        batch = { questions: [], waiters: [], read: read as Asked['read'] };
        this.asked.set(kind, batch);
        setImmediate(() => this.answer(kind));
      }
      batch.questions.push(question);
      batch.waiters.push({ resolve: resolve as (answer: unknown) => void, reject });
    });
  }

  private answer(kind: string): void {
    const batch = this.asked.get(kind);
    if (!batch) return;
    this.asked.delete(kind);
    batch.read(batch.questions).then(
      (answers) => batch.waiters.forEach((w, i) => w.resolve(answers[i])),
      (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
    );
  }

  /** Writes the comment with the next group; resolves with its id once committed. */
  write(deps: Deps, comment: PreparedComment): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ comment, resolve, reject });
      if (this.running || this.scheduled) return;
      // Comments arriving in the same turn of the event loop go together.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.running = this.drain(deps).finally(() => (this.running = undefined));
      });
    });
  }

  /** Resolves once every comment handed over so far is written (shutdown). */
  async settled(): Promise<void> {
    while (this.running || this.scheduled) await (this.running ?? new Promise((r) => setImmediate(r)));
  }

  private async drain(deps: Deps): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        renderGroup(batch);
        const written = await commitBatch(deps, batch);
        const published = [...written].filter(([w]) => w.comment.row.status === 'published').sort((a, b) => a[1] - b[1]);
        await dropPages(deps, published);
        for (const [w, id] of written) w.resolve(id);
        // The posters have their answers; the readers' streams get the comments in id order.
        await announce(deps, published);
      } catch (err) {
        // Nothing above should throw; if it did, no poster waits forever (settled promises ignore this).
        for (const w of batch) w.reject(err);
      }
    }
  }
}

/**
 * The rows of the group, the HTML of those that came without it rendered together: sanitize-html
 * spends most of a short comment's time setting itself up, once per call.
 */
function renderGroup(batch: Waiting[]): void {
  const bare = batch.filter((w) => w.comment.row.html === undefined);
  const html = bare.length > 0 ? renderCommentsMarkdown(bare.map((w) => w.comment.row.body)) : [];
  const rendered = new Map(bare.map((w, i) => [w, html[i] ?? '']));
  for (const w of batch) w.row = { ...w.comment.row, html: w.comment.row.html ?? rendered.get(w) ?? '' };
}

const rowOf = (w: Waiting): NewComment => w.row ?? { ...w.comment.row, html: w.comment.row.html ?? '' };

/** Writes the batch in one transaction, else each comment in its own; the ids of those written. */
async function commitBatch(deps: Deps, batch: Waiting[]): Promise<Map<Waiting, number>> {
  const written = new Map<Waiting, number>();
  try {
    const ids = await deps.dialect.writeTransaction(deps.db, (db) => insertAll(db, batch));
    batch.forEach((w, i) => written.set(w, ids[i] as number));
    return written;
  } catch (err) {
    if (batch.length === 1) {
      batch[0]?.reject(err);
      return written;
    }
    deps.log.warn({ err, comments: batch.length }, 'comment batch failed; writing its comments one by one');
  }
  for (const w of batch) {
    try {
      const [id] = await deps.dialect.writeTransaction(deps.db, (db) => insertAll(db, [w]));
      written.set(w, id as number);
    } catch (err) {
      w.reject(err);
    }
  }
  return written;
}

/** The statements of one transaction: the comments, their keys' answers, one version bump per article. */
async function insertAll(db: Kysely<Database>, batch: Waiting[]): Promise<number[]> {
  const ids = await insertComments(db, batch.map(rowOf));
  const published = new Set<number>();
  for (const [i, { comment: c }] of batch.entries()) {
    const id = ids[i] as number;
    if (c.row.status === 'published') published.add(c.row.article_id);
    if (c.key) await completeKey(db, c.key.hash, id, c.key.answer(id));
  }
  for (const articleId of published) await bumpArticleVersion({ db }, articleId);
  return ids;
}

type Written = [Waiting, number][];

/** Drops the cached pages of the batch's articles, once per article (before the posters are answered: they may reload). */
async function dropPages(deps: Deps, published: Written): Promise<void> {
  if (published.length === 0) return;
  try {
    await deps.cache.invalidate([...new Set(published.map(([w]) => `article:${w.comment.row.article_id}`))]);
  } catch (err) {
    // Another instance may keep its copy until its own next drop; this one has dropped its own.
    deps.log.warn({ err }, 'cached pages of new comments not dropped everywhere');
  }
}

/** Tells the open pages of each article about its newly published comments. */
async function announce(deps: Deps, published: Written): Promise<void> {
  try {
    for (const [w, id] of published) await deps.pubsub.publish(`article:${w.comment.row.article_id}`, JSON.stringify(presentComment(asRow(rowOf(w), id))));
  } catch (err) {
    // The comments are stored: a reload shows them, a reconnecting stream replays them.
    deps.log.warn({ err }, 'new comments not announced');
  }
}

/** The stored row of a comment just written (no read back). */
function asRow(c: NewComment, id: number): CommentRow {
  return {
    id,
    article_id: c.article_id,
    parent_id: c.parent_id,
    user_id: c.user_id,
    author_name: c.author_name,
    body: c.body,
    html: c.html,
    status: c.status,
    created_at: c.created_at,
    likes: 0,
    edited_at: null,
  };
}
