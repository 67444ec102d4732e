import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * Search (issue 12, docs/performance.md « Search »): the search module's own map of section
 * addresses to section ids, so that a search within a section names its section by slug in
 * the index query itself. Before, the service read the sections (the articles module's table)
 * to turn the slug into an id and only then sent the index query: a section-filtered search
 * made two statements one after the other. A section's slug never changes (a rename keeps it)
 * and sections are not deleted, so a copy cannot go stale; `upsert` adds the section of every
 * article it indexes, and this fills it for the sections there are.
 */
export async function up(db: Kysely<unknown>, _d: Dialect): Promise<void> {
  await sql`create table search_sections (
    slug text primary key,
    section_id integer not null references sections(id)
  )`.execute(db);
  await sql`insert into search_sections (slug, section_id) select slug, id from sections`.execute(db);
}
