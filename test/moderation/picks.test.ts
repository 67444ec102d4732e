import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWxr } from '../../src/modules/export/wxr.writer';
import { DIALECTS } from '../support/dialects';
import { createArticle, createUserWithToken, pathOf, postForm, sessionFor } from '../support/factories';
import { createTestApp, fakeClock, type TestApp } from '../support/test-app';
import { readerToken } from '../support/guest-comment';

describe.each(DIALECTS)('the newsroom’s picks on %s', (engine) => {
  let t: TestApp;
  const clock = fakeClock(new Date('2026-05-04T08:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  it('a picked comment leads the Sélection order with its badge, without JavaScript; unpicking removes it; staff replies carry their badge', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const author = await createUserWithToken(t.deps, 'author');
    const reader = await createUserWithToken(t.deps, 'reader');
    const a = await createArticle(t, editor.auth, { title: 'Le pont' });
    const ids: number[] = [];
    for (const [i, body] of ['Premier avis sur le pont.', 'Deuxième avis, très documenté.', 'Troisième avis, plus court.'].entries()) {
      clock.advance(60_000);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, remoteAddress: `192.0.2.${i + 1}`, payload: { body, name: `Lecteur ${i}`, email: `l${i}@example.test`, token: readerToken(t, a.id) } });
      expect(res.json().status, res.body).toBe('published');
      ids.push(res.json().id);
    }
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, headers: author.auth, payload: { body: 'Merci, nous corrigeons le chiffre.', parentId: ids[0] } });
    expect(reply.statusCode).toBe(201);

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${ids[1]}/pick`, headers: reader.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/${ids[1]}/pick` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/comments/999999/pick`, headers: editor.auth })).statusCode).toBe(404);
    const pick = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${ids[1]}/pick`, headers: author.auth });
    expect(pick.json()).toEqual({ id: ids[1], picked: true });

    const page = async (sort: string) => (await t.app.inject({ method: 'GET', url: `${pathOf(a.url)}?sort=${sort}` })).body;
    const order = (html: string) => [...html.matchAll(/<li class="comment[^"]*" id="comment-(\d+)"/g)].map((m) => Number(m[1]));
    const picks = await page('picks');
    expect(order(picks)[0]).toBe(ids[1]);
    expect(picks).toMatch(new RegExp(`<li class="comment badge-pick" id="comment-${ids[1]}"[^>]*><a [^>]*>Lecteur 1</a> · Sélection de la rédaction · `));
    expect(picks.match(/badge-pick/g)).toHaveLength(1);
    expect(picks.match(/badge-staff/g)).toHaveLength(1);
    expect(picks).toMatch(/<a href="\?sort=picks#comments" aria-current="page">Sélection de la rédaction<\/a>/);
    expect(order(await page('oldest'))[0]).toBe(ids[0]);

    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments?sort=picks` })).json();
    expect(api.comments[0].id).toBe(ids[1]);

    // The WXR export carries the pick as comment meta, on the picked comment only.
    const dir = mkdtempSync(join(tmpdir(), 'palabre-picks-'));
    await exportWxr(t.deps, join(dir, 'site.xml'));
    const wxr = readFileSync(join(dir, 'site.xml'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(wxr.match(/\[palabre_pick\]/g)).toHaveLength(1);
    expect(wxr.match(/\[palabre_picked_at\]/g)).toHaveLength(1);
    expect(wxr).toMatch(new RegExp(`<wp:comment_id>${ids[1]}</wp:comment_id>(?:(?!</wp:comment>)[\\s\\S])*palabre_pick`));

    const unpick = await t.app.inject({ method: 'DELETE', url: `/api/v1/comments/${ids[1]}/pick`, headers: editor.auth });
    expect(unpick.json()).toEqual({ id: ids[1], picked: false });
    const after = await page('picks');
    expect(after).not.toContain('badge-pick');
    expect(order(after)[0]).toBe(ids[0]);
  });

  it('lets a journalist pick and unpick from the newsroom without JavaScript', async () => {
    const editor = await createUserWithToken(t.deps, 'editor');
    const author = await createUserWithToken(t.deps, 'author');
    const reader = await createUserWithToken(t.deps, 'reader');
    const a = await createArticle(t, editor.auth, { title: 'La digue' });
    const ids: number[] = [];
    for (const [i, body] of ['La digue tiendra-t-elle ?', 'Les riverains ont été prévenus à temps.'].entries()) {
      clock.advance(60_000);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${a.id}/comments`, remoteAddress: `192.0.2.${i + 40}`, payload: { body, name: `Riverain ${i}`, email: `r${i}@example.test`, token: readerToken(t, a.id) } });
      ids.push(res.json().id);
    }
    const s = await sessionFor(t.deps, author.id);
    const edit = await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}`, headers: { cookie: (await sessionFor(t.deps, editor.id)).cookie } });
    expect(edit.body).toContain(`href="/admin/articles/${a.id}/picks"`);
    const list = await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}/picks`, headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Les riverains ont été prévenus à temps.');
    expect(list.body.match(/Choisir pour la sélection/g)).toHaveLength(2);

    const picked = await postForm(t, s, `/admin/comments/${ids[1]}/pick`, { _csrf: s.csrf, picked: '1' });
    expect(picked.statusCode).toBe(303);
    expect(picked.headers.location).toBe(`/admin/articles/${a.id}/picks?saved=1#comment-${ids[1]}`);
    const publicPage = (await t.app.inject({ method: 'GET', url: `${pathOf(a.url)}?sort=picks` })).body;
    expect(publicPage).toMatch(new RegExp(`<li class="comment badge-pick" id="comment-${ids[1]}"`));
    expect(publicPage.indexOf(`id="comment-${ids[1]}"`)).toBeLessThan(publicPage.indexOf(`id="comment-${ids[0]}"`));
    expect(publicPage).toContain('badge-pick');
    expect((await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}/picks?saved=1`, headers: { cookie: s.cookie } })).body).toContain('Retirer de la sélection');

    // No token, a reader, a visitor: refused, nothing changes.
    expect((await postForm(t, s, `/admin/comments/${ids[0]}/pick`, { picked: '1' })).statusCode).toBe(403);
    const rs = await sessionFor(t.deps, reader.id);
    expect((await postForm(t, rs, `/admin/comments/${ids[0]}/pick`, { _csrf: rs.csrf, picked: '1' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/admin/articles/${a.id}/picks` })).statusCode).toBe(303);
    expect((await postForm(t, s, `/admin/comments/${ids[0]}/pick`, { _csrf: s.csrf, picked: 'oui' })).statusCode).toBe(400);

    expect((await postForm(t, s, `/admin/comments/${ids[1]}/pick`, { _csrf: s.csrf, picked: '0' })).statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: `${pathOf(a.url)}?sort=picks` })).body).not.toContain('badge-pick');
    const api = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments` })).json();
    expect(api.comments.map((c: { picked: boolean }) => c.picked)).toEqual([false, false]);
  });
});
