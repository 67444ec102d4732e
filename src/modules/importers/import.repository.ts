import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { runShaped } from '../../db/statement-shapes';

/** A row of the id map: what an id of the source became here. */
export interface Mapping {
  local_id: number | null;
  data: string | null;
}

/** The mapping of one id (compiled once: an import asks it for every post). */
export async function findMapping(db: Kysely<Database>, source: string, kind: string, externalId: string): Promise<Mapping | undefined> {
  const rows = await runShaped(db, 'import_map.find-one', [source, kind, externalId], () =>
    db.selectFrom('import_map').select(['local_id', 'data']).where('source', '=', source).where('kind', '=', kind).where('external_id', '=', externalId),
  );
  return rows[0];
}

/** The mappings of many ids of one kind at once (one query per few hundred ids, each size compiled once). */
export async function findMappings(db: Kysely<Database>, source: string, kind: string, externalIds: string[]): Promise<Map<string, Mapping>> {
  const out = new Map<string, Mapping>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const ids = unique.slice(i, i + 500);
    const rows = await runShaped(db, `import_map.find.${ids.length}`, [source, kind, ...ids], () =>
      db.selectFrom('import_map').select(['external_id', 'local_id', 'data']).where('source', '=', source).where('kind', '=', kind).where('external_id', 'in', ids),
    );
    for (const r of rows) out.set(r.external_id, { local_id: r.local_id, data: r.data });
  }
  return out;
}

const MAPPING_COLUMNS = ['source', 'kind', 'external_id', 'local_id', 'data', 'created_at'] as const;
interface NewMapping { source: string; kind: string; external_id: string; local_id: number | null; data: string | null; created_at: string }

/** Records many new mappings in one statement per few hundred (ids already checked absent), each size compiled once. */
export async function insertMappings(db: Kysely<Database>, rows: NewMapping[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r): NewMapping => ({ source: r.source, kind: r.kind, external_id: r.external_id, local_id: r.local_id, data: r.data, created_at: r.created_at }));
    await runShaped(db, `import_map.insert.${chunk.length}`, chunk.flatMap((r) => MAPPING_COLUMNS.map((c) => r[c])), () =>
      db
        .insertInto('import_map')
        .values(chunk)
        .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doNothing()),
    );
  }
}

/** Records a mapping, or points an existing one at the new row (compiled once: an import writes one for every post). */
export async function insertMapping(
  db: Kysely<Database>,
  m: { source: string; kind: string; external_id: string; local_id: number | null; data?: string | null; created_at: string },
): Promise<void> {
  const row: NewMapping = { source: m.source, kind: m.kind, external_id: m.external_id, local_id: m.local_id, data: m.data ?? null, created_at: m.created_at };
  await runShaped(db, 'import_map.upsert', [...MAPPING_COLUMNS.map((c) => row[c]), row.local_id, row.data], () =>
    db
      .insertInto('import_map')
      .values(row)
      .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doUpdateSet({ local_id: row.local_id, data: row.data })),
  );
}

/** Records an old URL for the article; the first article to claim a path keeps it. */
export async function insertLegacyUrl(db: Kysely<Database>, path: string, articleId: number): Promise<boolean> {
  const r = await db.insertInto('legacy_urls').values({ path, article_id: articleId }).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** `insertLegacyUrl` for an article's distinct old URLs in one statement; returns how many it claimed. */
export async function insertLegacyUrls(db: Kysely<Database>, paths: readonly string[], articleId: number): Promise<number> {
  if (paths.length === 0) return 0;
  const rows = paths.map((path) => ({ path, article_id: articleId }));
  // RETURNING names the rows inserted: those another article claimed first are not.
  const claimed = await runShaped(db, `legacy_urls.insert.${rows.length}`, rows.flatMap((r) => [r.path, r.article_id]), () =>
    db
      .insertInto('legacy_urls')
      .values(rows)
      .onConflict((oc) => oc.column('path').doNothing())
      .returning('path'),
  );
  return claimed.length;
}

export async function findLegacyArticleId(db: Kysely<Database>, path: string): Promise<number | undefined> {
  const r = await db.selectFrom('legacy_urls').select('article_id').where('path', '=', path).executeTakeFirst();
  return r?.article_id;
}

/**
 * Featured images: each `thumbnail` mapping (post → attachment id) joined with the
 * attachment's recorded URL, written in one statement once the whole file is read
 * (attachments may come after the posts that use them). Returns how many were new.
 */
export async function recordFeaturedImages(db: Kysely<Database>, source: string): Promise<number> {
  const r = await db
    .insertInto('imported_images')
    .columns(['article_id', 'url', 'alt'])
    .expression((eb) =>
      eb
        .selectFrom('import_map as t')
        .innerJoin('import_map as a', (j) => j.onRef('a.source', '=', 't.source').onRef('a.external_id', '=', 't.data').on('a.kind', '=', 'attachment'))
        .innerJoin('articles', 'articles.id', 't.local_id')
        .select(['articles.id as article_id', 'a.data as url', eb.val('').as('alt')])
        .where('t.source', '=', source)
        .where('t.kind', '=', 'thumbnail')
        .where('a.data', 'is not', null),
    )
    .onConflict((oc) => oc.column('article_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** The featured images recorded for the posts of a source: article and image address. */
export async function listImportedImages(db: Kysely<Database>, source: string): Promise<{ article_id: number; url: string }[]> {
  return db
    .selectFrom('import_map as t')
    .innerJoin('imported_images as i', 'i.article_id', 't.local_id')
    .select(['i.article_id', 'i.url'])
    .where('t.source', '=', source)
    .where('t.kind', '=', 'thumbnail')
    .execute();
}

/** The featured image an import found for an article (its address at the old site), if any. */
export async function findImportedImage(db: Kysely<Database>, articleId: number): Promise<{ url: string; alt: string } | undefined> {
  return db.selectFrom('imported_images').select(['url', 'alt']).where('article_id', '=', articleId).executeTakeFirst();
}
