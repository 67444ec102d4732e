import type { Deps } from '../../deps';
import type { CommentStatus, Reason } from '../comments/comment';
import { insertIncomingComments, linkCommentParents } from '../comments/comment-bulk.service';
import { restorePicks } from '../comments/comment.picks';
import { importedCommentToMarkdown } from './html-to-markdown';
import { findMappings, insertMappings } from './import.repository';

/** A comment read from another system, with its source's ids. */
export interface SourceComment {
  externalId: string;
  /** The source id of the comment it answers, if any. */
  parentExternalId: string | null;
  articleId: number;
  userId: number | null;
  name: string;
  email: string;
  url: string;
  ip: string;
  /** HTML or text as the source stored it. */
  html: string;
  status: CommentStatus;
  reasons: Reason[];
  createdAt: string;
  /** Picked by the newsroom at the source (a Palabre WXR export's comment meta): when; absent or null when not. */
  pickedAt?: string | null;
}

/** What a committed batch did. */
export interface BatchResult {
  created: number;
  existing: number;
  /** Source id → local id of every comment of the batch (new or already there). */
  ids: Map<string, number>;
  /** Replies whose parent is not written yet: linked when it is (or reported). */
  orphans: { id: number; parentExternalId: string }[];
}

/**
 * Writes a batch of comments in one transaction and a handful of statements: the id map
 * read once for the batch and the parents it names, the new comments inserted together,
 * their ids recorded, and replies linked to parents found in the batch or written
 * earlier. A comment already imported is not written again; its parent link is
 * re-applied, so a run stopped between a reply and its parent is finished by the next.
 * `known` holds local ids the caller already has (the comments of the same post).
 */
export async function writeCommentBatch(deps: Deps, source: string, batch: SourceComment[], known: ReadonlyMap<string, number> = new Map()): Promise<BatchResult> {
  const result: BatchResult = { created: 0, existing: 0, ids: new Map(), orphans: [] };
  if (batch.length === 0) return result;
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    const parentIds = batch.map((c) => c.parentExternalId).filter((p): p is string => p !== null && !known.has(p));
    const mapped = await findMappings(db, source, 'comment', [...batch.map((c) => c.externalId), ...parentIds]);
    const localOf = (ext: string): number | undefined => known.get(ext) ?? result.ids.get(ext) ?? mapped.get(ext)?.local_id ?? undefined;
    const fresh: SourceComment[] = [];
    const seen = new Set<string>();
    for (const c of batch) {
      const id = mapped.get(c.externalId)?.local_id;
      if (id) {
        result.ids.set(c.externalId, id);
        result.existing += 1;
      } else if (!seen.has(c.externalId)) {
        seen.add(c.externalId);
        fresh.push(c);
      }
    }
    const ids = await insertIncomingComments(
      { db, secret: deps.secret },
      fresh.map((c) => ({ ...c, body: importedCommentToMarkdown(c.html), parentId: null })),
    );
    const now = deps.clock.now().toISOString();
    fresh.forEach((c, i) => {
      const id = ids[i];
      if (id !== undefined) result.ids.set(c.externalId, id);
    });
    await restorePicks(db, fresh.flatMap((c) => (c.pickedAt && result.ids.get(c.externalId) ? [{ commentId: result.ids.get(c.externalId) ?? 0, pickedAt: c.pickedAt }] : [])));
    await insertMappings(
      db,
      fresh.map((c) => ({ source, kind: 'comment', external_id: c.externalId, local_id: result.ids.get(c.externalId) ?? null, data: null, created_at: now })),
    );
    const links: { id: number; parentId: number }[] = [];
    for (const c of batch) {
      const id = result.ids.get(c.externalId);
      if (!c.parentExternalId || id === undefined) continue;
      const parentId = localOf(c.parentExternalId);
      if (parentId !== undefined && parentId !== id) links.push({ id, parentId });
      else result.orphans.push({ id, parentExternalId: c.parentExternalId });
    }
    await linkCommentParents(db, links);
    result.created = fresh.length;
  });
  return result;
}

/** Links replies whose parents came later in the file; returns those whose parent never came. */
export async function linkOrphans(deps: Deps, source: string, orphans: { id: number; parentExternalId: string }[], known: ReadonlyMap<string, number> = new Map()): Promise<{ id: number; parentExternalId: string }[]> {
  if (orphans.length === 0) return [];
  const missing: { id: number; parentExternalId: string }[] = [];
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    const mapped = await findMappings(db, source, 'comment', orphans.filter((o) => !known.has(o.parentExternalId)).map((o) => o.parentExternalId));
    const links: { id: number; parentId: number }[] = [];
    for (const o of orphans) {
      const parentId = known.get(o.parentExternalId) ?? mapped.get(o.parentExternalId)?.local_id ?? undefined;
      if (parentId !== undefined && parentId !== o.id) links.push({ id: o.id, parentId });
      else missing.push(o);
    }
    await linkCommentParents(db, links);
  });
  return missing;
}
