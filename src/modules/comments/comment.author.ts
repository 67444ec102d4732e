import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { bumpArticleVersion } from '../articles/article.read-model';
import type { CommentAuthor, EraseMode } from './comment';
import {
  anonymizeAuthorComments,
  authorArticleIds,
  guestHasComments,
  listAuthorCommentEdits,
  listAuthorComments,
  listLikesBy,
  purgeIpHashes,
  removeAuthorComments,
} from './comment.author.repository';
import { purgeAddressLikes, removeLikesBy } from './reaction.repository';
import { purgeKeysBefore } from './idempotency.repository';

/** One author's comments, any status, oldest first, with their articles (privacy download). */
export function commentsOfAuthor(deps: Deps, author: CommentAuthor) {
  return listAuthorComments(deps.db, author);
}

/** The former texts of one author's edited comments, oldest first (privacy download). */
export function commentEditsOfAuthor(deps: Deps, author: CommentAuthor) {
  return listAuthorCommentEdits(deps.db, author);
}

/** The comments a reader (`user:ID`) liked, with their articles (privacy download). */
export function likesOfReader(deps: Deps, liker: string) {
  return listLikesBy(deps.db, liker);
}

/** Whether a guest wrote any comment with this email. */
export function hasGuestComments(deps: Deps, email: string): Promise<boolean> {
  return guestHasComments(deps.db, email);
}

export interface EraseOptions {
  /** The name anonymized comments keep (the site's word for "anonymous"). */
  anonymousName: string;
  /** Also removes this reader's likes (`user:ID`): an account being erased. */
  liker?: string;
  /** The caller's own rows (the account itself), written in the same transaction. */
  alongside?: (db: Kysely<Database>) => Promise<void>;
}

/**
 * Erases an author's comments in one transaction: removed (status `deleted`, text,
 * name and former texts gone) or anonymized; the articles' versions move, their cached
 * pages go, and `comment.changed` (kind `erased`) is announced. Returns how many.
 */
export async function eraseAuthorComments(deps: Deps, author: CommentAuthor, mode: EraseMode, opts: EraseOptions): Promise<number> {
  const now = deps.clock.now().toISOString();
  const articleIds = await authorArticleIds(deps.db, author);
  const count = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const n = mode === 'remove' ? await removeAuthorComments(db, author, now) : await anonymizeAuthorComments(db, author, opts.anonymousName, now);
    for (const id of articleIds) await bumpArticleVersion({ db }, id);
    if (opts.liker !== undefined) await removeLikesBy(db, opts.liker);
    if (opts.alongside) await opts.alongside(db);
    return n;
  });
  await deps.cache.invalidate(articleIds.map((id) => `article:${id}`));
  await deps.hooks.emit('comment.changed', { kind: 'erased', mode, articleIds, count });
  return count;
}

/**
 * Forgets client addresses (HMACs of comments, address likes, idempotency keys derived from
 * them) recorded before the cutoff; how many comments lost theirs. Idempotency keys go after
 * a day in any case (their use ends there).
 */
export async function forgetAddressesBefore(deps: Deps, cutoff: string): Promise<number> {
  await purgeAddressLikes(deps.db, cutoff);
  const dayAgo = new Date(deps.clock.now().getTime() - 86_400_000).toISOString();
  await purgeKeysBefore(deps.db, cutoff > dayAgo ? cutoff : dayAgo);
  return purgeIpHashes(deps.db, cutoff);
}
