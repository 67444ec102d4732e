import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/accounts/user.service';
import { exportJsonl } from '../../src/modules/export/export.service';
import { importPalabre } from '../../src/modules/export/restore.service';
import { exportWxr } from '../../src/modules/export/wxr.writer';
import { importWxr } from '../../src/modules/importers/wxr.service';
import { DIALECTS } from '../support/dialects';
import { createArticle, createSection, createUserWithToken, pathOf } from '../support/factories';
import { readerToken } from '../support/guest-comment';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';
import { wellFormed } from '../support/xml';

const TITLE = 'Le barrage <b>de</b> Sélingué & « co »';
const NAME = 'Awa <script>alert(1)</script>';
type ApiComment = { id: number; body: string; picked: boolean; pickedAt: string | null };

describe.each(DIALECTS)('the newsroom’s picks in the API, the exports and the feeds on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-06-01T08:00:00.000Z'));
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: Awaited<ReturnType<typeof createArticle>>;
  const ids: number[] = [];
  const pickedAt: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'palabre-picks-'));

  const feed = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(wellFormed(res.body)).toBe(true);
    return { xml: res.body, items: parseFeed(res.body).items };
  };
  const idsOf = (items: { url: string | null }[]) => items.map((i) => Number(/#comment-(\d+)$/.exec(i.url ?? '')?.[1]));
  const apiComments = async (app: TestApp, articleId: number): Promise<ApiComment[]> =>
    (await app.app.inject({ method: 'GET', url: `/api/v1/articles/${articleId}/comments` })).json<{ comments: ApiComment[] }>().comments;
  const pick = async (id: number, on: boolean) => {
    const res = await t.app.inject({ method: on ? 'POST' : 'DELETE', url: `/api/v1/comments/${id}/pick`, headers: editor.auth });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor');
    await createSection(t, editor.auth, 'Afrique');
    article = await createArticle(t, editor.auth, { title: TITLE, section: 'afrique' });
    const bodies = ['Le barrage tiendra.', 'Les chiffres du débit sont faux : 1 200 m³/s et non 12 000.', 'Texte avec ]]> et <img src=x onerror=alert(1)> dedans.', 'Un quatrième avis.'];
    for (const [i, body] of bodies.entries()) {
      clock.advance(60_000);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: `192.0.2.${i + 10}`, payload: { body, name: i === 2 ? NAME : `Lecteur ${i}`, email: `l${i}@example.test`, token: readerToken(t, article.id) } });
      expect(res.json().status, res.body).toBe('published');
      ids.push(res.json().id);
    }
    // Two picks a minute apart; the fourth comment is picked, then a moderator rejects it.
    for (const id of [ids[1], ids[2], ids[3]] as number[]) {
      clock.advance(60_000);
      pickedAt.push(clock.now().toISOString());
      await pick(id, true);
    }
    const rejected = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${ids[3]}/moderation`, headers: editor.auth, payload: { action: 'reject' } });
    expect(rejected.statusCode, rejected.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every comment of the API its pick and when it was made', async () => {
    const comments = await apiComments(t, article.id);
    expect(comments.map((c) => [c.id, c.picked, c.pickedAt])).toEqual([
      [ids[0], false, null],
      [ids[1], true, pickedAt[0]],
      [ids[2], true, pickedAt[1]],
    ]);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ components: { schemas: { Comment: { properties: Record<string, unknown>; required: string[] } } } }>();
    expect(doc.components.schemas.Comment.required).toEqual(expect.arrayContaining(['picked', 'pickedAt']));
  });

  it('serves the article’s comments and its picks as RSS a real parser reads, escaped, published comments only', async () => {
    const path = pathOf(article.url);
    const all = await feed(`${path}/comments.xml`);
    expect(idsOf(all.items)).toEqual([ids[2], ids[1], ids[0]]);
    const named = all.items.find((i) => i.url?.endsWith(`#comment-${ids[2]}`));
    expect(decodeHTML(named?.title ?? '')).toBe(`${NAME} sur « ${TITLE} »`);
    // A `]]>` in a comment does not end the CDATA section early: the text arrives whole.
    expect(named?.description).toContain('Texte avec ]]> et');
    // As the XML says it: no markup from a reader or a title reaches the feed as markup.
    const channel = new XMLParser().parse(all.xml).rss.channel as { title: string; item: { title: string; description: string }[] };
    expect(channel.title).toBe(`Commentaires sur « ${TITLE} »`);
    for (const item of channel.item) expect(`${item.title}${item.description}`).not.toMatch(/<(script|img|b)\b/);
    expect(channel.item.map((i) => i.description).join()).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const picks = await feed(`${path}/comments.xml?picks=1`);
    expect(idsOf(picks.items)).toEqual([ids[2], ids[1]]);
    expect(picks.items.map((i) => i.published?.toISOString())).toEqual([pickedAt[1], pickedAt[0]]);
    expect(new XMLParser().parse(picks.xml).rss.channel.title).toBe(`Sélection de la rédaction : « ${TITLE} »`);

    // The cached feed follows a pick at once, both ways.
    await pick(ids[2] as number, false);
    expect(idsOf((await feed(`${path}/comments.xml?picks=1`)).items)).toEqual([ids[1]]);
    await pick(ids[0] as number, true);
    expect(idsOf((await feed(`${path}/comments.xml?picks=1`)).items)).toEqual([ids[0], ids[1]]);
    await pick(ids[0] as number, false);
    await pick(ids[2] as number, true);
  });

  it('answers a bad query, an unknown article and a former address as a reader would expect', async () => {
    const path = pathOf(article.url);
    const bad = await t.app.inject({ method: 'GET', url: `${path}/comments.xml?picks=oui` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('picks : Option invalide');
    expect((await t.app.inject({ method: 'GET', url: '/afrique/nulle-part/comments.xml' })).statusCode).toBe(404);
    const moved = await createArticle(t, editor.auth, { title: 'Ancien titre', section: 'afrique' });
    const old = pathOf(moved.url);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${moved.id}`, headers: editor.auth, payload: { slug: 'nouveau-titre' } })).statusCode).toBe(200);
    const redirect = await t.app.inject({ method: 'GET', url: `${old}/comments.xml?picks=1` });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/afrique/nouveau-titre/comments.xml?picks=1');
  });

  it('keeps the picks through the Palabre export and its restore', async () => {
    const file = join(dir, 'site.jsonl');
    // A moderator's email choices travel too (moderator_preference lines).
    const prefs = await t.app.inject({ method: 'PUT', url: '/api/v1/moderation/preferences', headers: editor.auth, payload: { ruleAlerts: true, digest: true } });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const result = await exportJsonl(t.deps, file);
    expect(result.counts.comment_pick).toBe(3);
    const target = await createTestApp(engine);
    try {
      const summary = await importPalabre(target.deps, file);
      expect(summary.created.comment_pick).toBe(3);
      expect(await apiComments(target, article.id)).toEqual(await apiComments(t, article.id));
      expect((await apiComments(target, article.id)).filter((c) => c.picked).map((c) => c.id)).toEqual([ids[1], ids[2]]);
      const token = await createApiToken(target.deps, editor.email);
      const restored = await target.app.inject({ method: 'GET', url: '/api/v1/moderation/preferences', headers: { authorization: `Bearer ${token}` } });
      expect(restored.json()).toEqual({ ruleAlerts: true, digest: true });
    } finally {
      await target.close();
    }
  });

  it('keeps the picks and their times through the WXR export and Palabre’s WXR import', async () => {
    const file = join(dir, 'site.xml');
    await exportWxr(t.deps, file);
    const target = await createTestApp(engine);
    try {
      await importWxr(target.deps, file);
      const [restored] = await target.deps.db.selectFrom('articles').select('id').where('slug', '=', article.slug).execute();
      // Ids change on the way (WordPress numbers them): the picks are found by the comments' first words.
      const words = (c: ApiComment) => c.body.slice(0, 10);
      const picked = (await apiComments(target, restored?.id ?? 0)).filter((c) => c.picked).map((c) => [words(c), c.pickedAt]);
      const before = (await apiComments(t, article.id)).filter((c) => c.picked).map((c) => [words(c), c.pickedAt]);
      expect(before).toHaveLength(2);
      expect(picked).toEqual(before);
      // The held comment's pick came along too (not public: the feeds and the API leave it out).
      expect(await target.deps.db.selectFrom('comment_picks').select('picked_at').execute()).toHaveLength(3);
    } finally {
      await target.close();
    }
  });
});
