import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';
import { addNewArticleTerms, insertArticle, slugExists, updateArticleRow } from './article.repository';
import { insertRevision } from './revision.repository';
import { ensureTags, findSectionBySlug, insertSection } from './section.repository';
import { getArticleById } from './article.read-model';
import { articleSlug } from './slug';

/** An article coming from another system (WordPress, a restore), already converted to Markdown. */
export interface ImportedArticleInput {
  slugWanted: string;
  title: string;
  summary: string;
  body: string;
  section: { slug: string; name: string } | null;
  tags: { slug: string; name: string }[];
  authorIds: number[];
  status: 'draft' | 'published';
  publishAt: string | null;
  createdAt: string;
  commentsOpen: boolean;
  lang: string;
  /** Kept from a Palabre export carried through WordPress (post meta); '' and null when absent. */
  dateline?: string;
  correction?: string | null;
}

/**
 * Section and tag ids by slug, as an import read or created them: its next articles find
 * them here instead of asking the database again. Kept for the length of one import whose
 * transactions are committed in turn (a rolled-back one forgets what it created: the
 * caller then starts a new one). A section or tag deleted or merged meanwhile by an editor
 * fails the import's batch (its foreign key), which the next run writes.
 */
export class ImportedTermIds {
  readonly sections = new Map<string, number>();
  readonly tags = new Map<string, number>();
}

async function uniqueSlug(deps: Pick<Deps, 'db'>, wanted: string): Promise<string> {
  let candidate = wanted;
  for (let n = 2; await slugExists(deps.db, candidate); n++) candidate = `${Array.from(wanted).slice(0, 75).join('')}-${n}`;
  return candidate;
}

/**
 * The articles module's part of an import (importers call it inside their own transaction,
 * passing it as `deps.db`): the row with its original dates, its section (created when new),
 * tags, byline and a first revision. No policy: the operator runs imports. The caller emits
 * `article.saved` once its transaction is committed.
 */
export async function insertImportedArticle(
  deps: Pick<Deps, 'db'>,
  a: ImportedArticleInput,
  terms = new ImportedTermIds(),
): Promise<{ id: number; slug: string; sectionCreated: boolean; tagsCreated: number }> {
  const db = deps.db;
  const { id: sectionId, created: sectionCreated } = await sectionOf(db, a, terms);
  const tags = dedupe(a.tags);
  const unknown = tags.filter((t) => !terms.tags.has(t.slug));
  const found = await ensureTags(db, unknown);
  for (const [slug, tagId] of found.ids) terms.tags.set(slug, tagId);
  const title = (a.title || '—').slice(0, 300);
  const slug = await uniqueSlug(deps, a.slugWanted || articleSlug(title));
  const id = await insertArticle(
    db,
    {
      slug,
      title,
      summary: a.summary,
      body: a.body,
      section_id: sectionId,
      dateline: (a.dateline ?? '').slice(0, 200),
      status: a.status,
      publish_at: a.publishAt,
      comments_open: a.commentsOpen ? 1 : 0,
      image_id: null,
      correction: a.correction ?? null,
      lang: a.lang,
    },
    a.createdAt,
  );
  await addNewArticleTerms(db, id, tags.flatMap((t) => terms.tags.get(t.slug) ?? []), a.authorIds);
  await insertRevision(db, { article_id: id, author_id: a.authorIds[0] ?? null, title, summary: a.summary, body: a.body, created_at: a.createdAt });
  return { id, slug, sectionCreated, tagsCreated: found.created };
}

/** The article's section, found (in `terms`, else by slug) or created. */
async function sectionOf(db: Kysely<Database>, a: ImportedArticleInput, terms: ImportedTermIds): Promise<{ id: number | null; created: boolean }> {
  if (!a.section) return { id: null, created: false };
  const slug = a.section.slug;
  const known = terms.sections.get(slug) ?? (await findSectionBySlug(db, slug))?.id;
  const id = known ?? (await insertSection(db, { slug, name: a.section.name || slug, created_at: a.createdAt }));
  terms.sections.set(slug, id);
  return { id, created: known === undefined };
}

function dedupe(tags: { slug: string; name: string }[]): { slug: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of tags) if (!seen.has(t.slug)) seen.set(t.slug, t.name || t.slug);
  return [...seen].map(([slug, name]) => ({ slug, name }));
}

/**
 * An imported article's body with the featured image the import found put in front (the
 * image is still at its old address; see importers' showImportedImages). The caller emits
 * `article.saved`.
 */
export async function prependImportedImage(deps: Pick<Deps, 'db'>, id: number, markdownImage: string, at: string): Promise<void> {
  const article = await getArticleById(deps, id);
  if (!article) return;
  await updateArticleRow(deps.db, id, { body: `${markdownImage}\n\n${article.body}` }, at);
}
