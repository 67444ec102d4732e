import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';

class RolledBack extends Error {}

interface OpenWindow {
  deps: Deps;
  finish(commit: boolean): void;
  done: Promise<unknown>;
}

/**
 * One write transaction held open across many records (posts and their comments) and
 * committed a batch at a time: a few commits per thousand comments instead of one or
 * more per post. Articles written inside are announced (`article.saved`, which search
 * indexing follows) once their batch is committed, on the base handle. While a window
 * is open every write of the import goes through `deps()`: on SQLite the base handle
 * waits for the connection the window holds.
 */
export class WriteWindow {
  private open: OpenWindow | undefined;
  private saved: number[] = [];

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

  /** An article written in the window: announced after the commit. */
  articleSaved(id: number): void {
    this.saved.push(id);
  }

  /** Commits what the window holds, then announces its articles. */
  async commit(): Promise<void> {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    open.finish(true);
    await open.done;
    for (const id of this.saved.splice(0)) await this.base.hooks.emit('article.saved', { articleId: id });
  }

  /** Drops what the window holds (the import stopped); nothing of it was written. */
  async rollback(): Promise<void> {
    const open = this.open;
    this.saved = [];
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
