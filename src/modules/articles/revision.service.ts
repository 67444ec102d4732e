import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import type { AuthUser } from '../accounts/account';
import type { Article } from './article';
import { assertArticle } from './article.policy';
import { findArticleById } from './article.repository';
import { findNextRevision, findRevision, listRevisions } from './revision.repository';
import { deleteAutosave, findAutosave, upsertAutosave } from './autosave.repository';
import { updateArticle } from './article.service';

/**
 * The rule: every save that changes the text (title, summary, body) stores the new
 * version, the first save included. The current text is the article itself, so
 * "the revisions" of an article are its former versions: every stored version but
 * the one that matches the current text. Two edits leave two revisions.
 */
export interface RevisionEntry {
  id: number;
  createdAt: string;
  author: { id: number; name: string | null } | null;
  title: string;
  /** The stored version that is the current text (shown in the history, not a former version). */
  current: boolean;
}

async function loadFor(deps: Deps, user: AuthUser | null, id: number): Promise<Article> {
  const a = await findArticleById(deps.db, id);
  if (!a) throw new NotFoundError('article');
  assertArticle(user, 'revision:read', { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus });
  return a;
}

/** Every stored version of the article, newest first, the current one marked. */
export async function articleHistory(deps: Deps, user: AuthUser | null, id: number): Promise<{ article: Article; entries: RevisionEntry[] }> {
  const article = await loadFor(deps, user, id);
  const rows = await listRevisions(deps.db, id);
  const latest = rows[0] ? await findRevision(deps.db, id, rows[0].id) : undefined;
  const latestIsCurrent = latest !== undefined && latest.title === article.title && latest.summary === article.summary && latest.body === article.body;
  return {
    article,
    entries: rows.map((r, i) => ({
      id: r.id,
      createdAt: r.created_at,
      author: r.author_id !== null ? { id: r.author_id, name: r.author_name } : null,
      title: r.title,
      current: i === 0 && latestIsCurrent,
    })),
  };
}

/** A stored version and the text that followed it (the next version, or the article as it is now). */
export async function revisionWithNext(deps: Deps, user: AuthUser | null, articleId: number, revisionId: number) {
  const article = await loadFor(deps, user, articleId);
  const revision = await findRevision(deps.db, articleId, revisionId);
  if (!revision) throw new NotFoundError('revision');
  const next = await findNextRevision(deps.db, articleId, revisionId);
  return { article, revision, next: next ?? { id: null, created_at: article.updatedAt, title: article.title, summary: article.summary, body: article.body } };
}

/** Puts a former version's text back; this is an edit like any other, so it leaves a revision too. */
export async function restoreRevision(deps: Deps, user: AuthUser | null, articleId: number, revisionId: number): Promise<Article> {
  const current = await loadFor(deps, user, articleId);
  assertArticle(user, 'revision:restore', { authorIds: current.authors.map((x) => x.id), storedStatus: current.storedStatus });
  const revision = await findRevision(deps.db, articleId, revisionId);
  if (!revision) throw new NotFoundError('revision');
  return updateArticle(deps, user, articleId, { title: revision.title, summary: revision.summary, body: revision.body });
}

/** Keeps the editor's unsaved text aside (never public, never a revision). */
export async function autosaveArticle(
  deps: Deps,
  user: AuthUser | null,
  articleId: number,
  text: { title: string; summary: string; body: string },
): Promise<{ savedAt: string }> {
  const a = await findArticleById(deps.db, articleId);
  if (!a) throw new NotFoundError('article');
  assertArticle(user, 'article:update', { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus });
  const savedAt = deps.clock.now().toISOString();
  await upsertAutosave(deps.db, { article_id: articleId, user_id: user.id, ...text, saved_at: savedAt });
  return { savedAt };
}

/** The user's autosave of the article when it is newer than the article itself. */
export async function pendingAutosave(deps: Deps, user: AuthUser, article: Article) {
  const row = await findAutosave(deps.db, article.id, user.id);
  return row && row.saved_at > article.updatedAt ? row : undefined;
}

export async function discardAutosave(deps: Deps, user: AuthUser, articleId: number): Promise<void> {
  await deleteAutosave(deps.db, articleId, user.id);
}
