import type { Deps } from '../../deps';
import type { CommentStatus, Reason } from '../comments/comment';
import { insertIncomingComments, linkCommentParents } from '../comments/comment-bulk.service';
import { restorePicks } from '../comments/comment.picks';
import type { RenderedComment } from './comment-renderer';
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
  /** Its body and HTML, rendered already (a WXR import's render worker); rendered with the batch when absent. */
  rendered?: RenderedComment;
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
 * The fresh comments of a batch in waves, each written before the next: a reply whose
 * parent is written already (`written`) or in the batch goes in the wave after its
 * parent's, so that every reply of a thread in order gets its parent in its own row.
 * Replies whose parent is neither (later in the file, or missing), and those of a loop
 * of parents, go in the first wave and are linked, or reported, after.
 */
export function commentWaves(fresh: readonly SourceComment[], written: (externalId: string) => boolean): SourceComment[][] {
  const inBatch = new Map(fresh.map((c) => [c.externalId, c]));
  const depth = new Map<string, number>();
  for (const c of fresh) {
    // Up the thread from c to a comment placed already, a parent written or not in the batch, or a loop.
    const chain: string[] = [];
    let above = -1;
    for (let at: SourceComment | undefined = c; at; ) {
      const known = depth.get(at.externalId);
      if (known !== undefined) {
        above = known;
        break;
      }
      const loop = chain.indexOf(at.externalId);
      if (loop >= 0) {
        for (const x of chain.splice(loop)) depth.set(x, 0);
        above = 0;
        break;
      }
      chain.push(at.externalId);
      const p: string | null = at.parentExternalId;
      at = p !== null && !written(p) ? inBatch.get(p) : undefined;
    }
    chain.reverse().forEach((x, i) => depth.set(x, above + 1 + i));
  }
  const waves: SourceComment[][] = [];
  for (const c of fresh) (waves[depth.get(c.externalId) ?? 0] ??= []).push(c);
  return waves.filter((w) => w.length > 0);
}

/**
 * Writes a batch of comments in one transaction and a handful of statements: the id map
 * read once for the batch and the parents it names, the new comments inserted together
 * (in waves, replies after their parents, each with its parent's id in its row), their
 * ids recorded, and replies whose parent came later linked once it is written. A comment
 * already imported is not written again; its parent link is re-applied, so a run stopped
 * between a reply and its parent is finished by the next. `known` holds local ids the
 * caller already has (the comments of the same post).
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
    // Replies written with their parent in the row: not linked again below.
    const placed = new Set<string>();
    for (const wave of commentWaves(fresh, (ext) => localOf(ext) !== undefined)) {
      const parents = wave.map((c) => (c.parentExternalId === null ? null : (localOf(c.parentExternalId) ?? null)));
      const ids = await insertIncomingComments(
        { db, secret: deps.secret },
        wave.map((c, i) => ({ ...c, body: c.rendered?.body ?? importedCommentToMarkdown(c.html), renderedHtml: c.rendered?.html, parentId: parents[i] ?? null })),
      );
      wave.forEach((c, i) => {
        const id = ids[i];
        if (id !== undefined) result.ids.set(c.externalId, id);
        if (typeof parents[i] === 'number') placed.add(c.externalId);
      });
    }
    const now = deps.clock.now().toISOString();
    await restorePicks(db, fresh.flatMap((c) => (c.pickedAt && result.ids.get(c.externalId) ? [{ commentId: result.ids.get(c.externalId) ?? 0, pickedAt: c.pickedAt }] : [])));
    await insertMappings(
      db,
      fresh.map((c) => ({ source, kind: 'comment', external_id: c.externalId, local_id: result.ids.get(c.externalId) ?? null, data: null, created_at: now })),
    );
    const links: { id: number; parentId: number }[] = [];
    for (const c of batch) {
      const id = result.ids.get(c.externalId);
      if (!c.parentExternalId || id === undefined || placed.has(c.externalId)) continue;
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
