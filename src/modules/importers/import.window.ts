import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { ImportedTermIds } from '../articles/article.import';
import { indexArticles } from '../search/search.service';

class RolledBack extends Error {}

/**
 * The page cache an import's connection gets (SQLite; the default is 2 MiB), and the WAL
 * written between two checkpoints (1,000 pages by default): each comment row goes into six
 * indexes, those on address and email at random pages, more of them as the database grows;
 * read again from the file system when the cache is small, and copied back to the database
 * at every batch's commit when the WAL is short. See docs/migration.md, "Speed".
 */
export const IMPORT_PAGE_CACHE_KIB = 64 * 1024;

/** Runs an import with the larger page cache, put back as it was afterwards (also on failure). */
export async function withImportCache<T>(deps: Deps, fn: () => Promise<T>): Promise<T> {
  const restore = await deps.dialect.bulkWriteCache(deps.db, IMPORT_PAGE_CACHE_KIB);
  try {
    return await fn();
  } finally {
    await restore();
  }
}

interface OpenWindow {
  deps: Deps;
  finish(commit: boolean): void;
  done: Promise<unknown>;
}

/**
 * One write transaction held open across many records (posts and their comments) and
 * committed a batch at a time: a few commits per thousand comments instead of one or
 * more per post. Articles written inside are indexed for search together, in the same
 * transaction, just before it commits (search's `indexArticles`, in place of an
 * `article.saved` each, whose indexing committed statement by statement): a batch is
 * written with its index or not at all. While a window is open every write of the
 * import goes through `deps()`: on SQLite the base handle waits for the connection the
 * window holds.
 */
export class WriteWindow {
  private open: OpenWindow | undefined;
  private saved: number[] = [];
  /** Section and tag ids the import's transactions read or created (forgotten with one rolled back). */
  private termIds = new ImportedTermIds();

  constructor(private readonly base: Deps) {}

  /** Deps whose `db` is the open transaction, opened on first use. */
  async deps(): Promise<Deps> {
    this.open ??= await this.begin();
    return this.open.deps;
  }

  /** Whether uncommitted work is waiting. */
  get pending(): boolean {
    return this.open !== undefined;
  }

  /** The section and tag ids known to the import's committed transactions and the open one. */
  get terms(): ImportedTermIds {
    return this.termIds;
  }

  /** An article written in the window: indexed with the batch. */
  articleSaved(id: number): void {
    this.saved.push(id);
  }

  /** Indexes the window's articles and commits all it holds (when indexing fails, the window stays open for `rollback`). */
  async commit(): Promise<void> {
    const open = this.open;
    if (!open) return;
    await indexArticles(open.deps, this.saved);
    this.saved = [];
    this.open = undefined;
    open.finish(true);
    await open.done;
  }

  /** Drops what the window holds (the import stopped); nothing of it was written. */
  async rollback(): Promise<void> {
    const open = this.open;
    this.saved = [];
    this.termIds = new ImportedTermIds();
    if (!open) return;
    this.open = undefined;
    open.finish(false);
    await open.done.catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  }

  private async begin(): Promise<OpenWindow> {
    let finish: (commit: boolean) => void = () => undefined;
    let ready: (db: Kysely<Database>) => void = () => undefined;
    const handle = new Promise<Kysely<Database>>((resolve) => {
      ready = resolve;
    });
    const done = this.base.dialect.writeTransaction(
      this.base.db,
      (db) =>
        new Promise<void>((resolve, reject) => {
          finish = (commit) => (commit ? resolve() : reject(new RolledBack('import batch rolled back')));
          ready(db);
        }),
    );
    // A transaction that cannot start (the database is locked, gone) fails here.
    const db = await Promise.race([handle, done.then(() => Promise.reject(new Error('the import transaction ended before it was used')))]);
    return { deps: { ...this.base, db }, finish: (commit) => finish(commit), done };
  }
}
