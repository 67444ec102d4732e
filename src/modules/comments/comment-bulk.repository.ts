import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';
import type { CommentStatus } from './comment';
import type { CommentsTable } from './comment.tables';

/**
 * Bulk writes of comments for imports and restores: a batch in a few statements
 * instead of a few statements per comment. The only SQL on `comments` outside the
 * comments module's own repositories is here, in the module.
 */

/** `comments.author_url` (migration 0011): a commenter's website, kept from imports. */
type CommentsWithUrl = CommentsTable & { author_url: ColumnType<string | null, string | null | undefined, string | null> };
type BulkDatabase = Omit<Database, 'comments'> & { comments: CommentsWithUrl };
const bulk = (db: Kysely<Database>) => db as unknown as Kysely<BulkDatabase>;

/** A comment row ready to be written (bodies rendered, address hashed, JSON as text). */
export interface BulkCommentRow {
  article_id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  ip_hash: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  reasons: string;
  scores: string;
  created_at: string;
}

// 15 values a row: 400 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT = 400;

/** The columns of an imported row, in the order of the INSERT (and of its parameters). */
const COLUMNS = ['article_id', 'parent_id', 'user_id', 'author_name', 'author_email', 'author_url', 'ip_hash', 'body', 'html', 'status', 'reasons', 'scores', 'created_at', 'updated_at', 'likes'] as const;

/**
 * Inserts the rows and returns their ids in the same order. Both engines number the
 * rows of one multi-row INSERT in the order of its VALUES, but neither promises the
 * order of RETURNING: the ids are sorted, which gives them back in VALUES order. Each
 * statement of a given row count is compiled once (runShaped).
 */
export async function insertCommentRows(db: Kysely<Database>, rows: BulkCommentRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({ ...r, updated_at: r.created_at, likes: 0 }));
    const params = chunk.flatMap((r) => COLUMNS.map((c) => r[c]));
    const returned = await runShaped(db, `comments.insert.${chunk.length}`, params, () =>
      bulk(db)
        .insertInto('comments')
        .values(chunk.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]])) as typeof r))
        .returning('id'),
    );
    ids.push(...returned.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

// The engine tries a row's id against the WHENs one by one: short CASEs, more statements.
const LINKS_PER_STATEMENT = 50;

/** Links replies to their parents, fifty per statement (`CASE id WHEN … THEN …`). */
export async function updateCommentParents(db: Kysely<Database>, links: { id: number; parentId: number }[]): Promise<void> {
  for (let i = 0; i < links.length; i += LINKS_PER_STATEMENT) {
    const chunk = links.slice(i, i + LINKS_PER_STATEMENT);
    const params = [...chunk.flatMap((l) => [l.id, l.parentId]), ...chunk.map((l) => l.id)];
    await runShaped(db, `comments.parents.${chunk.length}`, params, () =>
      bulk(db)
        .updateTable('comments')
        .set((eb) => {
          // eb.val: the parents are parameters too (a bare number would be written into the SQL text).
          let c = eb.case('id').when(chunk[0]?.id ?? 0).then(eb.val(chunk[0]?.parentId ?? null));
          for (const l of chunk.slice(1)) c = c.when(l.id).then(eb.val(l.parentId));
          return { parent_id: c.else(eb.ref('parent_id')).end() };
        })
        .where(
          'id',
          'in',
          chunk.map((l) => l.id),
        ),
    );
  }
}

/** Sets the status (and its reasons, JSON text) of comments, e.g. those of a thread deleted at the source. */
export async function updateCommentStatuses(db: Kysely<Database>, ids: number[], status: CommentStatus, reasons: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const r = await bulk(db)
      .updateTable('comments')
      .set({ status, reasons })
      .where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT))
      .where('status', '!=', status)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** Rows of an export restored as they were, explicit ids included (the caller checks their columns). */
export async function insertExportedCommentRows(db: Kysely<Database>, rows: Record<string, string | number | null>[]): Promise<void> {
  if (rows.length === 0) return;
  const loose = db as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
  await loose.insertInto('comments').values(rows).execute();
}

/** What a WXR export writes of a comment. */
export interface ExportedComment {
  id: number;
  parent_id: number | null;
  user_id: number | null;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  html: string;
  status: CommentStatus;
  created_at: string;
  /** Picked by the newsroom (issue 14): comment meta `palabre_pick` in WXR. */
  picked?: boolean;
  /** When it was picked: comment meta `palabre_picked_at`. */
  picked_at?: string | null;
}

/** Every comment of an article, any status, oldest first. */
export async function listArticleCommentsForExport(db: Kysely<Database>, articleId: number): Promise<ExportedComment[]> {
  return bulk(db)
    .selectFrom('comments')
    .select(['id', 'parent_id', 'user_id', 'author_name', 'author_email', 'author_url', 'html', 'status', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}


export async function anyCommentRow(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('comments').select('id').limit(1).executeTakeFirst()) !== undefined;
}
