import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Visible articles sharing tags with an article: most shared tags first, then the newest. */
export async function findRelatedIds(db: Kysely<Database>, articleId: number, now: string, limit: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    select articles.id as id
    from article_tags mine
    join article_tags theirs on theirs.tag_id = mine.tag_id and theirs.article_id <> mine.article_id
    join articles on articles.id = theirs.article_id
    where mine.article_id = ${articleId} and articles.status = 'published' and articles.publish_at <= ${now}
    group by articles.id, articles.publish_at
    order by count(*) desc, articles.publish_at desc, articles.id desc
    limit ${limit}`.execute(db);
  return r.rows.map((row) => row.id);
}
