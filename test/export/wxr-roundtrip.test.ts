import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSiteSettings } from '../../src/modules/export/site.settings';
import { exportWxr } from '../../src/modules/export/wxr.writer';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createArticle, createSection, createUserWithToken } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const FIXTURE_FILE = join(import.meta.dirname, '../fixtures/wordpress-6.1-export.xml');
const IMAGE = 'https://journal.example/wp-content/uploads/2022/03/bamako.jpg';

describe.each(DIALECTS)('Palabre → WXR → Palabre on %s', (engine) => {
  let source: TestApp;
  let target: TestApp;
  let reader: Awaited<ReturnType<typeof createUserWithToken>>;
  const dir = mkdtempSync(join(tmpdir(), 'palabre-wxr-trip-'));
  const file = join(dir, 'site.xml');
  let xml = '';

  beforeAll(async () => {
    source = await createTestApp(engine);
    const admin = await createUserWithToken(source.deps, 'admin', 'Administratrice');
    const second = await createUserWithToken(source.deps, 'author', 'Moussa Konaté');
    reader = await createUserWithToken(source.deps, 'reader', 'Lectrice Inscrite');
    await importWxr(source.deps, FIXTURE_FILE);
    await createSection(source, admin.auth, 'Monde');
    const a = await createArticle(source, admin.auth, {
      section: 'monde',
      title: 'Élections au Sénégal',
      body: 'Le scrutin s’est tenu dimanche.',
      authors: [admin.id, second.id],
      dateline: 'DAKAR',
      correction: 'Une version précédente donnait une mauvaise date.',
      lang: 'en',
      status: 'published',
      publishAt: '2024-01-15T09:30:00.000Z',
    });
    const posted = await source.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: reader.auth, payload: { body: 'Merci pour ce suivi.' } });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    await saveSiteSettings(source.deps, { baseUrl: 'https://journal.example/', timeZone: 'Europe/Paris' });
    await exportWxr(source.deps, file);
    // WordPress writes its own site's language in the channel on the way back: an English install here.
    xml = readFileSync(file, 'utf8');
    writeFileSync(file, xml.replace(/<language>[^<]*<\/language>/, '<language>en-US</language>'));
    target = await createTestApp(engine);
    await importWxr(target.deps, file);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes local post dates in the site time zone, GMT beside them, links from the site address', () => {
    expect(xml).toContain('<link>https://journal.example/monde/elections-au-senegal</link>');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<wp:post_date><![CDATA[2024-01-15 10:30:00]]></wp:post_date>');
    expect(xml).toContain('<wp:post_date_gmt><![CDATA[2024-01-15 09:30:00]]></wp:post_date_gmt>');
    expect(xml).toContain('<wp:meta_key><![CDATA[_palabre_dateline]]></wp:meta_key>');
    expect(xml).toMatch(/<wp:post_type><!\[CDATA\[attachment\]\]><\/wp:post_type>[\s\S]*<wp:attachment_url><!\[CDATA\[https:\/\/journal\.example\/wp-content\/uploads\/2022\/03\/bamako\.jpg\]\]>/);
  });

  it('keeps bylines, dateline, correction, language and status', async () => {
    const a = await target.deps.db.selectFrom('articles').selectAll().where('slug', '=', 'elections-au-senegal').executeTakeFirstOrThrow();
    expect(a).toMatchObject({ dateline: 'DAKAR', correction: 'Une version précédente donnait une mauvaise date.', lang: 'en', status: 'published', publish_at: '2024-01-15T09:30:00.000Z' });
    const bylines = await target.deps.db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['users.name', 'users.role'])
      .where('article_id', '=', a.id)
      .orderBy('position')
      .execute();
    expect(bylines).toEqual([
      { name: 'Administratrice', role: 'author' },
      { name: 'Moussa Konaté', role: 'author' },
    ]);
    const imported = await target.deps.db.selectFrom('articles').select(['lang', 'slug']).where('slug', 'like', 'deux-hauts%').executeTakeFirstOrThrow();
    expect(imported.lang).toBe('fr');
  });

  it("keeps the featured image and a reader account's comment with its email", async () => {
    const a = await target.deps.db.selectFrom('articles').select(['id', 'body']).where('slug', 'like', 'deux-hauts%').executeTakeFirstOrThrow();
    const image = await target.deps.db.selectFrom('imported_images').select('url').where('article_id', '=', a.id).executeTakeFirstOrThrow();
    expect(image.url).toBe(IMAGE);
    expect(a.body.split(IMAGE)).toHaveLength(2);
    const rows = await sql<{ author_name: string; user_id: number | null; author_email: string | null; status: string }>`
      select c.author_name, c.user_id, c.author_email, c.status from comments c join articles a on a.id = c.article_id where a.slug = 'elections-au-senegal'`.execute(target.deps.db);
    expect(rows.rows).toHaveLength(1);
    const account = await target.deps.db.selectFrom('users').select(['email', 'role', 'name']).where('id', '=', rows.rows[0]?.user_id ?? 0).executeTakeFirstOrThrow();
    expect(account).toEqual({ email: reader.email, role: 'reader', name: 'Lectrice Inscrite' });
    expect(rows.rows[0]?.status).toBe('published');
    const count = async (t: TestApp) => (await t.deps.db.selectFrom('comments').select(['status']).execute()).map((r) => r.status).sort();
    const before = await count(source);
    // Rejected and deleted both travel as WordPress's trash, which comes back as rejected.
    expect(await count(target)).toEqual(before.map((s) => (s === 'deleted' ? 'rejected' : s)).sort());
  });
});
