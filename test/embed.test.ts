import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { insertLegacyUrl } from '../src/modules/importers/import.repository';
import { DIALECTS } from './support/dialects';
import { createArticle, createSection, createUserWithToken, type ArticleJson } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

const BASE = 'http://localhost:3000';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: BASE };
let address = 0;
const nextAddress = () => `198.51.100.${(address++ % 250) + 1}`;

const embedUrl = (pageUrl: string) => `/embed?url=${encodeURIComponent(pageUrl)}`;
const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]+)/.exec(String(csp))?.[1];

describe.each(DIALECTS)('the embedded discussion on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: ArticleJson;
  const clock = fakeClock();

  async function comment(articleId: number, body: string, name: string): Promise<{ id: number; status: string }> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${articleId}/comments`,
      remoteAddress: nextAddress(),
      payload: { body, name, email: `${name.replace(/\W/g, '').toLowerCase() || 'x'}@example.test`, token: readerToken(t, articleId) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  /** Posts the embed's form as a browser without JavaScript would, a minute after loading it. */
  async function postEmbedForm(path: string, fields: Record<string, string>) {
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: path })).body);
    const values: Record<string, string> = {};
    $('#comment-form input[type=hidden]').each((_, el) => {
      values[$(el).attr('name') ?? ''] = $(el).attr('value') ?? '';
    });
    clock.advance(60_000);
    return t.app.inject({
      method: 'POST',
      url: $('#comment-form').attr('action') ?? '',
      remoteAddress: nextAddress(),
      headers: FORM,
      payload: new URLSearchParams({ ...values, ...fields }).toString(),
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
    editor = await createUserWithToken(t.deps, 'editor', 'Awa Diallo');
    await createSection(t, editor.auth, 'Société');
    article = await createArticle(t, editor.auth, { title: 'Les marchés de Dakar', section: 'societe' });
  });
  afterAll(async () => t?.close());

  it('serves /embed.js as a cacheable script without secrets', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/embed.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('max-age=3600');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.body).toContain('data-palabre-url');
    expect(res.body).toContain('palabre:height');
    expect(res.body.length).toBeLessThan(3000);
    expect(res.body).not.toContain(t.deps.secret);
    expect(res.body).not.toMatch(/secret|password|token/i);
    const again = await t.app.inject({ method: 'GET', url: '/embed.js', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('shows the published comments escaped, never the held ones, and the form that comes back to the embed', async () => {
    await comment(article.id, 'Les prix ont <script>alert(1)</script> doublé **depuis** janvier.', 'Ibrahima <b>Sow</b>');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { moderation: 'pre' } });
    const held = await comment(article.id, 'Un avis encore relu par la modération.', 'Fatou');
    expect(held.status).toBe('pending');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${article.id}`, headers: editor.auth, payload: { moderation: null } });

    const res = await t.app.inject({ method: 'GET', url: embedUrl(article.url) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const $ = cheerio.load(res.body);
    expect($('.comment-author').text()).toBe('Ibrahima <b>Sow</b>');
    expect($('.comment-body').html()).toContain('<strong>depuis</strong>');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<b>Sow');
    expect(res.body).not.toContain('encore relu');
    expect($('.comment-count').text()).toBe('1 commentaire');
    expect($('html').attr('lang')).toBe('fr');
    expect($('#comment-form').attr('action')).toBe(`/articles/${article.id}/comments`);
    expect($('#comment-form input[name=return]').attr('value')).toBe(embedUrl(article.url));
    expect($('.reply-link').attr('href')).toMatch(/^\/embed\?url=[^&]+&replyTo=\d+#comment-form$/);
    const link = $('.embed-article a');
    expect(link.attr('href')).toBe(article.url);
    expect(link.attr('target')).toBe('_blank');
    expect(link.attr('rel')).toBe('noopener');
    expect(link.text()).toContain('Les marchés de Dakar');
    const scripts = $('script').map((_, el) => $(el).attr('src') ?? 'inline').get();
    expect(scripts.some((s) => s.startsWith('/assets/embed-frame.js?v='))).toBe(true);
    expect(scripts).not.toContain('inline');
    expect($('.site-header').length).toBe(0);
  });

  it('finds the article by a former slug and by an imported old URL, on any host', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Un titre provisoire', slug: 'titre-provisoire', section: 'societe' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${a.id}`, headers: editor.auth, payload: { slug: 'titre-definitif' } });
    await insertLegacyUrl(t.deps.db, '/2019/05/ancien-billet', a.id);
    for (const url of [`${BASE}/societe/titre-provisoire`, 'https://ancien-blog.example/2019/05/ancien-billet/', `${BASE}/societe/titre-definitif`]) {
      const res = await t.app.inject({ method: 'GET', url: embedUrl(url) });
      expect(res.statusCode, url).toBe(200);
      expect(cheerio.load(res.body)('.embed-article a').attr('href')).toBe(`${BASE}/societe/titre-definitif`);
    }
  });

  it('shows the closed line, exactly as the article page, and no form', async () => {
    const closed = await createArticle(t, editor.auth, { title: 'Débat clos', commentsOpen: false });
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: embedUrl(closed.url) })).body);
    expect($('.comments-closed').text()).toBe('Les commentaires sont fermés.');
    expect($('#comment-form').length).toBe(0);
  });

  it('answers an unknown page with a small 404 page, and an invalid url with a 400 naming url', async () => {
    const draft = await createArticle(t, editor.auth, { title: 'Brouillon', status: 'draft' });
    for (const url of [`${BASE}/societe/nulle-part`, `${BASE}/societe/${draft.slug}`, `${BASE}/`, 'https://ailleurs.example/a/b/c']) {
      const res = await t.app.inject({ method: 'GET', url: embedUrl(url) });
      expect(res.statusCode, url).toBe(404);
      const $ = cheerio.load(res.body);
      expect($('h1').text()).toBe('Discussion introuvable');
      expect($('body').hasClass('embed')).toBe(true);
      expect(frameAncestors(res.headers['content-security-policy'])).toBe('*');
    }
    const shown = await t.app.inject({ method: 'GET', url: embedUrl(`${BASE}/x/<img src=x onerror=alert(1)>`) });
    expect(shown.body).not.toContain('<img src=x');
    for (const url of ['/embed', '/embed?url=', `/embed?url=javascript:alert(1)`, '/embed?url=pas%20une%20adresse', embedUrl(`https://a.example/${'x'.repeat(2100)}`), '/embed?url=a&url=b']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      const $ = cheerio.load(res.body);
      expect($('h1').text()).toBe('Adresse invalide');
      expect($('p').text()).toContain('paramètre url');
      expect(res.body).not.toMatch(/at \w+ \(|Error:/);
    }
  });

  it('may be framed by any site while every other page refuses to be framed', async () => {
    const embed = await t.app.inject({ method: 'GET', url: embedUrl(article.url) });
    expect(frameAncestors(embed.headers['content-security-policy'])).toBe('*');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(String(embed.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const path of ['/', new URL(article.url).pathname, '/login', '/societe/inconnu', '/embed.js', '/api/v1/health']) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(frameAncestors(res.headers['content-security-policy']), path).toBe("'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
    }
  });

  it('brings a comment posted without JavaScript back to the embed, with the notice', async () => {
    const res = await postEmbedForm(embedUrl(article.url), { name: 'Khady', email: 'khady@example.test', body: 'Merci, enfin un article clair sur les prix.' });
    expect(res.statusCode, res.body).toBe(303);
    const location = String(res.headers.location);
    expect(location, location).toMatch(/&comment=published&focus=(\d+)#comment-\1$/);
    expect(location.startsWith(`${embedUrl(article.url)}&comment=published&focus=`), location).toBe(true);
    const back = await t.app.inject({ method: 'GET', url: location.split('#')[0] ?? '' });
    expect(back.statusCode).toBe(200);
    expect(frameAncestors(back.headers['content-security-policy'])).toBe('*');
    const $ = cheerio.load(back.body);
    expect($('.comment-form-section .notice-ok').text()).toBe('Merci ! Votre commentaire est publié.');
    expect($('.comment-body').text()).toContain('enfin un article clair');
  });

  it('shows a refused post again inside the embed, framable, with the values kept', async () => {
    const res = await postEmbedForm(embedUrl(article.url), { name: 'Khady', email: 'pas-une-adresse', body: 'Un avis.' });
    expect(res.statusCode).toBe(400);
    expect(frameAncestors(res.headers['content-security-policy'])).toBe('*');
    const $ = cheerio.load(res.body);
    expect($('body').hasClass('embed')).toBe(true);
    expect($('.notice-error').text()).toContain('Votre commentaire n’a pas pu être envoyé');
    expect($('#comment-body').text()).toBe('Un avis.');
    expect($('#comment-form input[name=return]').attr('value')).toBe(embedUrl(article.url));
  });

  it('replies without JavaScript inside the embed', async () => {
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: embedUrl(article.url) })).body);
    const href = $('.reply-link').first().attr('href') ?? '';
    const page = cheerio.load((await t.app.inject({ method: 'GET', url: href.split('#')[0] ?? '' })).body);
    expect(page('#comment-form-title').text()).toBe('Répondre à Ibrahima <b>Sow</b>');
    expect(page('#comment-form input[name=parentId]').attr('value')).toBe(/replyTo=(\d+)/.exec(href)?.[1]);
  });

  it('never redirects a form post elsewhere than the embed or the article', async () => {
    const articlePath = new URL(article.url).pathname;
    const tricks = [
      `https://evil.example${embedUrl(article.url)}`,
      `//evil.example${embedUrl(article.url)}`,
      `/\\evil.example${embedUrl(article.url)}`,
      '/admin',
      `/embed?url=${encodeURIComponent('javascript:alert(1)')}`,
      'https://evil.example/',
    ];
    for (const trick of tricks) {
      const res = await postEmbedForm(new URL(article.url).pathname, { name: 'Moussa', email: `m${address}@example.test`, body: `Un avis de plus, le numéro ${address}.`, return: trick });
      expect(res.statusCode, trick).toBe(303);
      expect(String(res.headers.location), trick).toMatch(new RegExp(`^${articlePath}\\?comment=`));
    }
    const safe = await postEmbedForm(articlePath, { name: 'Moussa', email: 'moussa@example.test', body: 'Encore un avis argumenté.', return: `${BASE}${embedUrl(article.url)}&x=1` });
    expect(String(safe.headers.location)).toMatch(/^\/embed\?url=[^&]+&comment=published&focus=(\d+)#comment-\1$/);
  });

  it('brings a report sent without JavaScript from the embed back to it, and only to this site', async () => {
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: embedUrl(article.url) })).body);
    const action = $('.report-button').first().attr('formaction') ?? '';
    const report = (referer: string) =>
      t.app.inject({ method: 'POST', url: action, remoteAddress: nextAddress(), headers: { ...FORM, referer }, payload: '' });
    const back = await report(`${BASE}${embedUrl(article.url)}`);
    expect(back.statusCode, back.body).toBe(303);
    expect(String(back.headers.location)).toMatch(/^\/embed\?url=[^&]+&reported=(\d+)#comment-\1$/);
    for (const referer of [`https://evil.example${embedUrl(article.url)}`, article.url]) {
      const res = await report(referer);
      expect(String(res.headers.location), referer).toBe(`${new URL(article.url).pathname}?reported=${action.split('/')[2]}#comments`);
    }
  });

  it('orders its thread like the article page, with sort links that stay in the embed, one cached page per order', async () => {
    const a = await createArticle(t, editor.auth, { title: 'La finale de la coupe', section: 'societe' });
    const ids: number[] = [];
    const posts: [string, string][] = [
      ['Quelle finale, un vrai match.', 'Aminata'],
      ['Le but de la tête en seconde période !', 'Boubacar'],
      ['Le stade était plein à craquer.', 'Coumba'],
    ];
    for (const [body, name] of posts) {
      ids.push((await comment(a.id, body, name)).id);
      clock.advance(60_000);
    }
    const [one, two, three] = ids as [number, number, number];
    const like = (id: number) => t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/likes`, remoteAddress: nextAddress() });
    for (const id of [two, two, three]) expect((await like(id)).statusCode).toBe(200);
    const self = embedUrl(a.url);
    const order = (html: string) => cheerio.load(html)('#comments > li').map((_, el) => Number(cheerio.load(el)('li').attr('data-id'))).get();
    const current = (html: string) => cheerio.load(html)('nav.comment-sort a[aria-current=page]').text();

    const first = await t.app.inject({ method: 'GET', url: self });
    const $ = cheerio.load(first.body);
    const links = $('nav.comment-sort a');
    expect(links.map((_, el) => $(el).text()).get()).toEqual(['Plus anciens', 'Plus récents', 'Les plus aimés', 'Sélection de la rédaction']);
    expect(links.map((_, el) => $(el).attr('href')).get()).toEqual([`${self}#comments`, `${self}&sort=newest#comments`, `${self}&sort=top#comments`, `${self}&sort=picks#comments`]);
    expect(order(first.body)).toEqual([one, two, three]);
    expect(current(first.body)).toBe('Plus anciens');
    const scripts = $('script').map((_, el) => ($(el).attr('src') ?? '').split('?')[0]).get();
    expect(scripts).toEqual(['/assets/embed-frame.js', '/assets/article.js']);

    const expected = { newest: [three, two, one], top: [two, three, one] };
    for (const [sort, ids] of Object.entries(expected)) {
      const href = $(`nav.comment-sort a[href*="sort=${sort}"]`).attr('href') ?? '';
      const res = await t.app.inject({ method: 'GET', url: href.split('#')[0] ?? '' });
      expect(res.statusCode, sort).toBe(200);
      expect(frameAncestors(res.headers['content-security-policy']), sort).toBe('*');
      expect(order(res.body), sort).toEqual(ids);
      expect(cheerio.load(res.body)('body').hasClass('embed')).toBe(true);
      expect(cheerio.load(res.body)('#comment-form input[name=return]').attr('value'), sort).toBe(self);
      expect(t.deps.cache.get(`embed:${a.id}?sort=${sort}`), sort).toBeDefined();
    }
    expect(current((await t.app.inject({ method: 'GET', url: `${self}&sort=top` })).body)).toBe('Les plus aimés');
    expect(t.deps.cache.get(`embed:${a.id}`)).toBeDefined();

    // An unknown order is the default one, as on the article page (its page, not a new cached one).
    for (const bad of ['&sort=pire', '&sort=TOP', '&sort=top&sort=newest', `&sort=${encodeURIComponent('<script>')}`, '&sort=']) {
      const res = await t.app.inject({ method: 'GET', url: `${self}${bad}` });
      expect(res.statusCode, bad).toBe(200);
      expect(order(res.body), bad).toEqual([one, two, three]);
      expect(current(res.body), bad).toBe('Plus anciens');
      expect(res.body, bad).not.toContain('<script>');
      expect(res.headers.etag, bad).toBe(first.headers.etag);
    }
    const articlePage = await t.app.inject({ method: 'GET', url: `${new URL(a.url).pathname}?sort=pire` });
    expect(order(articlePage.body)).toEqual([one, two, three]);

    // A new comment drops every order's cached embed.
    await comment(a.id, 'Et la remise de la coupe, quelle émotion.', 'Dieynaba');
    for (const key of [`embed:${a.id}`, `embed:${a.id}?sort=top`, `embed:${a.id}?sort=newest`]) expect(t.deps.cache.get(key), key).toBeUndefined();
  });

  it('likes without JavaScript inside the embed and comes back to it showing the reader’s like', async () => {
    const a = await createArticle(t, editor.auth, { title: 'Le prix du pain', section: 'societe' });
    const c = await comment(a.id, 'Le pain a encore augmenté ce mois-ci.', 'Mariama');
    const self = embedUrl(a.url);
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: self })).body);
    // The button posts the page's shared form (its `form` attribute) to its own formaction, with its name=value.
    const button = $(`#comment-${c.id} > .like-button`);
    const form = $(`form#${button.attr('form') ?? ''}`);
    const fields: Record<string, string> = {};
    form.find('input[type=hidden]').each((_, el) => {
      fields[$(el).attr('name') ?? ''] = $(el).attr('value') ?? '';
    });
    fields[button.attr('name') ?? ''] = button.attr('value') ?? '';
    expect(fields).toEqual({ like: '1', return: self });
    const reader = nextAddress();
    const res = await t.app.inject({ method: 'POST', url: button.attr('formaction') ?? '', remoteAddress: reader, headers: FORM, payload: new URLSearchParams(fields).toString() });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`${self}&liked=${c.id}#comment-${c.id}`);
    const back = await t.app.inject({ method: 'GET', url: String(res.headers.location).split('#')[0] ?? '', remoteAddress: reader });
    expect(back.headers['cache-control']).toContain('no-store');
    expect(frameAncestors(back.headers['content-security-policy'])).toBe('*');
    const page = cheerio.load(back.body);
    expect(page(`#comment-${c.id} .like-button`).attr('aria-pressed')).toBe('true');
    expect(page(`#comment-${c.id} .like-button`).text()).toBe('J’aime 1');
    expect(page(`#comment-${c.id} .like-button`).attr('value')).toBe('0');
    // Another reader's view of the same address is the shared page, not pressed.
    const other = cheerio.load((await t.app.inject({ method: 'GET', url: `${self}&liked=${c.id}`, remoteAddress: nextAddress() })).body);
    expect(other(`#comment-${c.id} .like-button`).attr('aria-pressed')).toBe('false');
  });

  it('reserves the slug "embed" for the widget', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/sections', headers: editor.auth, payload: { name: 'Embed' } });
    expect(res.statusCode).toBe(409);
  });
});

describe.each(DIALECTS)('the embedded discussion, English and restricted, on %s', (engine) => {
  let t: TestApp;
  let article: ArticleJson;

  beforeAll(async () => {
    t = await createTestApp(engine, { env: { PALABRE_LOCALE: 'en', PALABRE_EMBED_ORIGINS: 'https://blog.example  http://news.example:8080' } });
    const editor = await createUserWithToken(t.deps, 'editor');
    article = await createArticle(t, editor.auth, { title: 'Closed debate', commentsOpen: false });
  });
  afterAll(async () => t?.close());

  it('lets only PALABRE_EMBED_ORIGINS (and the site) frame it', async () => {
    const res = await t.app.inject({ method: 'GET', url: embedUrl(article.url) });
    expect(frameAncestors(res.headers['content-security-policy'])).toBe("'self' https://blog.example http://news.example:8080");
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(frameAncestors(home.headers['content-security-policy'])).toBe("'none'");
  });

  it('speaks English: closed line, not found, invalid', async () => {
    const $ = cheerio.load((await t.app.inject({ method: 'GET', url: embedUrl(article.url) })).body);
    expect($('html').attr('lang')).toBe('en');
    expect($('.comments-closed').text()).toBe('Comments are closed.');
    expect($('.embed-article a').text()).toBe('Read the article “Closed debate”');
    const missing = cheerio.load((await t.app.inject({ method: 'GET', url: embedUrl(`${BASE}/a/nowhere`) })).body);
    expect(missing('h1').text()).toBe('Discussion not found');
    const invalid = cheerio.load((await t.app.inject({ method: 'GET', url: '/embed?url=nope' })).body);
    expect(invalid('p').text()).toContain('The url parameter');
  });

  it('refuses a PALABRE_EMBED_ORIGINS that is not a list of origins, naming it', () => {
    for (const bad of ['blog.example', 'https://blog.example/path', 'ftp://files.example', 'https://ok.example *']) {
      expect(() => loadConfig({ PALABRE_EMBED_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ PALABRE_EMBED_ORIGINS: bad }), bad).toThrow(/PALABRE_EMBED_ORIGINS/);
    }
    expect(loadConfig({ PALABRE_EMBED_ORIGINS: 'https://blog.example/' }).embedOrigins).toEqual(['https://blog.example']);
    expect(loadConfig({}).embedOrigins).toBeUndefined();
  });
});
