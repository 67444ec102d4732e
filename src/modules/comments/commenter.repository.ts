import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';
import type { CommenterKey } from './comment';

type Db = Kysely<Database>;

/**
 * The moderation pipeline's questions about commenters, for many comments at once (a group
 * arriving together, comment.lookups.ts): each answers in the order of its questions, with
 * the same meaning as the one-comment questions of comment.review.repository.ts.
 */

const unique = <T>(values: (T | null)[]): T[] => [...new Set(values.filter((v): v is T => v !== null))];

/** When each client last commented: the account's comments, else the address's (undefined: never, or neither known). */
export async function findLastCommentTimes(db: Db, whos: readonly CommenterKey[]): Promise<(string | undefined)[]> {
  const users = unique(whos.map((w) => w.userId));
  const addresses = unique(whos.map((w) => (w.userId === null ? w.ipHash : null)));
  // Asked for every group of new comments: each shape compiled once (runShaped).
  const [byUser, byAddress] = await Promise.all([
    users.length === 0
      ? []
      : runShaped(db, `comments.last-by-user.${users.length}`, users, () =>
          db.selectFrom('comments').select(['user_id as key', (eb) => eb.fn.max('created_at').as('at')]).where('user_id', 'in', users).groupBy('user_id'),
        ),
    addresses.length === 0
      ? []
      : runShaped(db, `comments.last-by-address.${addresses.length}`, addresses, () =>
          db.selectFrom('comments').select(['ip_hash as key', (eb) => eb.fn.max('created_at').as('at')]).where('ip_hash', 'in', addresses).groupBy('ip_hash'),
        ),
  ]);
  const userAt = new Map(byUser.map((r) => [r.key, r.at]));
  const addressAt = new Map(byAddress.map((r) => [r.key, r.at]));
  return whos.map((w) => (w.userId !== null ? userAt.get(w.userId) : w.ipHash !== null ? addressAt.get(w.ipHash) : undefined) ?? undefined);
}

/** A text to look for: posted before by this commenter, or by anyone under this article? */
export interface RepeatQuestion {
  bodyHash: string;
  articleId: number;
  who: CommenterKey;
}

/** Whether each text (by hash) was already posted by its commenter or under its article. */
export async function findRepeats(db: Db, questions: readonly RepeatQuestion[]): Promise<boolean[]> {
  if (questions.length === 0) return [];
  const articles = unique(questions.map((q) => q.articleId));
  const users = unique(questions.map((q) => q.who.userId));
  const emails = unique(questions.map((q) => q.who.email));
  const addresses = unique(questions.map((q) => q.who.ipHash));
  const hashes = unique(questions.map((q) => q.bodyHash));
  const shape = `comments.repeats.${hashes.length}.${articles.length}.${users.length}.${emails.length}.${addresses.length}`;
  const rows = await runShaped(db, shape, [...hashes, ...articles, ...users, ...emails, ...addresses], () =>
    db
      .selectFrom('comments')
      .select(['body_hash', 'article_id', 'user_id', 'author_email', 'ip_hash'])
      .where('body_hash', 'in', hashes)
      .where((eb) => {
        const ors = [eb('article_id', 'in', articles)];
        if (users.length > 0) ors.push(eb('user_id', 'in', users));
        if (emails.length > 0) ors.push(eb('author_email', 'in', emails));
        if (addresses.length > 0) ors.push(eb('ip_hash', 'in', addresses));
        return eb.or(ors);
      }),
  );
  return questions.map(({ bodyHash, articleId, who }) =>
    rows.some(
      (r) =>
        r.body_hash === bodyHash &&
        (r.article_id === articleId ||
          (who.userId !== null && r.user_id === who.userId) ||
          (who.email !== null && r.author_email === who.email) ||
          (who.ipHash !== null && r.ip_hash === who.ipHash)),
    ),
  );
}

/** Whether each account, else email, has a published comment (approved by the pipeline or a human). */
export async function findApprovedCommenters(db: Db, whos: readonly CommenterKey[]): Promise<boolean[]> {
  const users = unique(whos.map((w) => w.userId));
  const emails = unique(whos.map((w) => (w.userId === null ? w.email : null)));
  const [byUser, byEmail] = await Promise.all([
    users.length === 0 ? [] : db.selectFrom('comments').select('user_id').where('status', '=', 'published').where('user_id', 'in', users).groupBy('user_id').execute(),
    emails.length === 0 ? [] : db.selectFrom('comments').select('author_email').where('status', '=', 'published').where('author_email', 'in', emails).groupBy('author_email').execute(),
  ]);
  const approvedUsers = new Set(byUser.map((r) => r.user_id));
  const approvedEmails = new Set(byEmail.map((r) => r.author_email));
  return whos.map((w) => (w.userId !== null ? approvedUsers.has(w.userId) : w.email !== null && approvedEmails.has(w.email)));
}
