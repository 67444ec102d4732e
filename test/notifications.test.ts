import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { replyNotificationsSettled } from '../src/modules/notifications/notification.service';
import { unsubscribeToken } from '../src/modules/notifications/unsubscribe-token';
import { startSmtp } from './newsroom/smtp';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, pathOf, type ArticleJson } from './support/factories';
import { createTestApp, fakeClock, type TestApp } from './support/test-app';
import { readerToken } from './support/guest-comment';

const ORIGIN = 'http://localhost:3000';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN };
let address = 0;
const nextAddress = () => `198.51.100.${(address++ % 250) + 1}`;
let serial = 0;
const guestEmail = (who: string) => `${who}.${(serial += 1)}@example.test`;

type Smtp = Awaited<ReturnType<typeof startSmtp>>;
type Posted = { id: number; status: string };

/** The unsubscribe link of a reply email's text. */
function unsubscribeLinkIn(text: string): URL {
  const m = /(http:\/\/localhost:3000\/notifications\/unsubscribe\?token=\S+)/.exec(text);
  if (!m?.[1]) throw new Error(`no unsubscribe link in: ${text}`);
  return new URL(m[1]);
}

/** Posts through the API a minute after the previous comment (the flood limit), from the given address. */
async function postComment(t: TestApp, clock: ReturnType<typeof fakeClock>, articleId: number, payload: Record<string, unknown>, ip: string, headers: Record<string, string> = {}): Promise<Posted> {
  clock.advance(60_000);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${articleId}/comments`, remoteAddress: ip, headers, payload: { token: readerToken(t, articleId), ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Posted>();
}

describe.each(DIALECTS)('email notification of replies on %s', (engine) => {
  let t: TestApp;
  let smtp: Smtp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let moderator: Awaited<ReturnType<typeof createUserWithToken>>;
  let article: ArticleJson;
  const clock = fakeClock();

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(engine, { env: { SMTP_URL: smtp.url }, clock });
    editor = await createUserWithToken(t.deps, 'editor', 'Rédaction');
    moderator = await createUserWithToken(t.deps, 'moderator', 'Modération');
    article = await createArticle(t, editor.auth, { title: 'Le fleuve Niger en crue' });
    // Guests may leave the email out here: those who do cannot ask for reply emails.
    const settings = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { guests: 'allowed' } });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const post = (payload: Record<string, unknown>, headers: Record<string, string> = {}, articleId = article.id) => postComment(t, clock, articleId, payload, nextAddress(), headers);

  /** The mails delivered to one address once every notification started so far is done. */
  async function mailsTo(email: string): Promise<ParsedMail[]> {
    await replyNotificationsSettled(t.deps);
    return Promise.all(smtp.mails.filter((m) => m.to.includes(email)).map((m) => simpleParser(m.raw)));
  }

  const decide = async (id: number, action: string) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/moderation`, headers: moderator.auth, payload: { action } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ status: string }>().status;
  };

  it('emails an opted-in guest exactly once, in French, with the article, the replier, a plain-text excerpt, the link and an unsubscribe link', async () => {
    const awa = guestEmail('awa');
    const parent = await post({ body: 'Les pluies de cette année sont exceptionnelles à Ségou.', name: 'Awa Traoré', email: awa, notifyReplies: true });
    expect(parent.status).toBe('published');
    const stored = await t.deps.db.selectFrom('comments').select('notify_replies').where('id', '=', parent.id).executeTakeFirstOrThrow();
    expect(stored.notify_replies).toBe(1);
    const reply = await post({ body: 'Vous avez **raison**, le quartier de [Médine](https://example.test/medine) est inondé depuis hier.', parentId: parent.id, name: 'Moussa Keïta', email: guestEmail('moussa') });
    expect(reply.status).toBe('published');

    const mails = await mailsTo(awa);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    assert(mail);
    expect(mail.subject).toBe('Nouvelle réponse à votre commentaire sur « Le fleuve Niger en crue »');
    const text = mail.text ?? '';
    expect(text).toContain('Bonjour Awa Traoré');
    expect(text).toContain('Moussa Keïta a répondu à votre commentaire');
    expect(text).toContain('Vous avez raison, le quartier de Médine est inondé depuis hier.');
    expect(text).not.toContain('**');
    expect(text).toContain(`Lire la réponse : http://localhost:3000${pathOf(article.url)}#comment-${reply.id}`);
    const unsubscribe = unsubscribeLinkIn(text);
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(unsubscribe.toString());
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The link leads to the reply on the public page.
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    expect(page.body).toContain(`id="comment-${reply.id}"`);
    // A later reply to the same comment is a new email; the first is never sent again.
    await post({ body: 'Même chose à Mopti, la route de Sévaré est coupée.', parentId: parent.id, name: 'Fatou', email: guestEmail('fatou') });
    expect(await mailsTo(awa)).toHaveLength(2);
  });

  it('sends nothing when the parent did not opt in, and nothing for a comment that is not a reply', async () => {
    const before = smtp.mails.length;
    const silent = guestEmail('silence');
    const quiet = await post({ body: 'Je préfère lire les réponses sur le site.', name: 'Ibrahim', email: silent });
    const refused = await post({ body: 'Pas de courriel pour moi, merci bien.', name: 'Aminata', email: guestEmail('aminata'), notifyReplies: false });
    await post({ body: 'Je vous réponds, Ibrahim, sans vous écrire.', parentId: quiet.id, name: 'Oumar', email: guestEmail('oumar') });
    await post({ body: 'Et moi je réponds à Aminata sur un autre ton.', parentId: refused.id, name: 'Salif', email: guestEmail('salif') });
    const optedIn = guestEmail('kadi');
    await post({ body: 'Qui a des nouvelles de Gao ce matin ?', name: 'Kadi', email: optedIn, notifyReplies: true });
    await post({ body: 'Un nouveau fil, sans rapport avec Kadi.', name: 'Bakary', email: guestEmail('bakary') });
    expect(await mailsTo(silent)).toHaveLength(0);
    expect(await mailsTo(optedIn)).toHaveLength(0);
    expect(smtp.mails.length).toBe(before);
  });

  it('never emails anyone for a held reply; emails exactly once when a moderator approves it, never again after reject and restore', async () => {
    const held = await createArticle(t, editor.auth, { title: 'Élections locales à Kayes' });
    const sira = guestEmail('sira');
    const parent = await post({ body: 'Le dépouillement a commencé dans mon bureau de vote.', name: 'Sira', email: sira, notifyReplies: true }, {}, held.id);
    expect(parent.status).toBe('published');
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/articles/${held.id}`, headers: editor.auth, payload: { moderation: 'pre' } });
    expect(patched.statusCode, patched.body).toBe(200);

    const before = smtp.mails.length;
    const reply = await post({ body: 'Dans le mien aussi, et tout se passe dans le calme.', parentId: parent.id, name: 'Djibril', email: guestEmail('djibril') }, {}, held.id);
    expect(reply.status).toBe('pending');
    expect(await mailsTo(sira)).toHaveLength(0);
    // Rejected, marked as spam, back to the queue: still held, still no email to anyone.
    expect(await decide(reply.id, 'reject')).toBe('rejected');
    expect(await decide(reply.id, 'restore')).toBe('pending');
    expect(await decide(reply.id, 'spam')).toBe('spam');
    expect(await decide(reply.id, 'restore')).toBe('pending');
    await replyNotificationsSettled(t.deps);
    expect(smtp.mails.length).toBe(before);

    expect(await decide(reply.id, 'approve')).toBe('published');
    const mails = await mailsTo(sira);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`#comment-${reply.id}`);
    expect(mails[0]?.text).toContain('Djibril a répondu');

    expect(await decide(reply.id, 'reject')).toBe('rejected');
    expect(await decide(reply.id, 'restore')).toBe('published');
    expect(await decide(reply.id, 'approve')).toBe('published');
    expect(await mailsTo(sira)).toHaveLength(1);
    expect(smtp.mails.length).toBe(before + 1);
  });

  it('does not email someone about their own reply, as an account or as a guest with the same email', async () => {
    const before = smtp.mails.length;
    const reader = await createUserWithToken(t.deps, 'reader', 'Hawa Diallo');
    const own = await post({ body: 'Mon avis sur la crue, en tant que riveraine.', notifyReplies: true }, reader.auth);
    await post({ body: 'Je complète mon propre commentaire : la digue tient.', parentId: own.id }, reader.auth);
    const guest = guestEmail('yaya');
    const mine = await post({ body: 'Premier message de Yaya sur la crue.', name: 'Yaya', email: guest, notifyReplies: true });
    await post({ body: 'Yaya encore, pour préciser les quartiers touchés.', parentId: mine.id, name: 'Yaya', email: guest.toUpperCase() });
    expect(await mailsTo(reader.email)).toHaveLength(0);
    expect(await mailsTo(guest)).toHaveLength(0);
    expect(smtp.mails.length).toBe(before);
    // Both opted in: someone else's replies are mailed, so the silence above was about the author.
    await post({ body: 'Une voisine confirme : la digue tient encore.', parentId: own.id, name: 'Kadi', email: guestEmail('kadi') });
    await post({ body: 'Chez nous aussi, les quartiers bas sont touchés.', parentId: mine.id, name: 'Kadi', email: guestEmail('kadi') });
    expect(await mailsTo(reader.email)).toHaveLength(1);
    expect(await mailsTo(guest)).toHaveLength(1);
  });

  it('uses the account’s email for a signed-in reader, and refuses a guest who opts in without an email', async () => {
    const reader = await createUserWithToken(t.deps, 'reader', 'Mariam Coulibaly');
    const parent = await post({ body: 'Les secours sont-ils arrivés à Bla ?', notifyReplies: true }, reader.auth);
    const reply = await post({ body: 'Oui, depuis ce matin, avec des bateaux.', parentId: parent.id, name: 'Adama', email: guestEmail('adama') });
    const mails = await mailsTo(reader.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`#comment-${reply.id}`);

    clock.advance(60_000);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: nextAddress(), payload: { body: 'Prévenez-moi des réponses.', name: 'Sans adresse', notifyReplies: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_input', field: 'email' });
    expect(res.json().message).toContain('adresse e-mail');
    const notBool = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: nextAddress(), payload: { body: 'Un avis.', name: 'X', email: guestEmail('x'), notifyReplies: 'oui' } });
    expect(notBool.statusCode).toBe(400);
    expect(notBool.json()).toMatchObject({ error: 'invalid_input', field: 'notifyReplies' });
  });

  it('offers the opt-in on the form without JavaScript, keeps it ticked after an error, and stores it', async () => {
    const page = await t.app.inject({ method: 'GET', url: pathOf(article.url) });
    const $ = cheerio.load(page.body);
    const box = $('#comment-form input[type="checkbox"][name="notifyReplies"]');
    expect(box.attr('value')).toBe('1');
    expect(box.attr('checked')).toBeUndefined();
    expect($(`label[for="${box.attr('id')}"]`).text()).toBe('Me prévenir par e-mail des réponses');

    const token = (await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments/token` })).json<{ token: string }>().token;
    clock.advance(60_000);
    const form = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/articles/${article.id}/comments`, remoteAddress: nextAddress(), headers: FORM, payload: new URLSearchParams({ token, ...fields }).toString() });
    const missing = await form({ name: 'Rokia', body: 'Je veux suivre cette discussion de près.', notifyReplies: '1' });
    expect(missing.statusCode).toBe(400);
    const again = cheerio.load(missing.body);
    expect(again('.notice-error').text()).toContain('indiquez votre adresse e-mail pour être prévenu des réponses');
    expect(again('#comment-notify').attr('checked')).toBeDefined();

    const rokia = guestEmail('rokia');
    const done = await form({ name: 'Rokia', email: rokia, body: 'Je veux suivre cette discussion de près.', notifyReplies: '1' });
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toContain('comment=published');
    const row = await t.deps.db.selectFrom('comments').select(['id', 'notify_replies']).where('author_email', '=', rokia).executeTakeFirstOrThrow();
    expect(row.notify_replies).toBe(1);
    await post({ body: 'Bienvenue Rokia, la discussion est animée.', parentId: row.id, name: 'Issa', email: guestEmail('issa') });
    expect(await mailsTo(rokia)).toHaveLength(1);
  });

  it('turns notifications off for that comment through the unsubscribe link, then sends no more', async () => {
    const binta = guestEmail('binta');
    const parent = await post({ body: 'Quelqu’un sait si les écoles rouvrent lundi ?', name: 'Binta', email: binta, notifyReplies: true });
    const other = await post({ body: 'Et les marchés, rouvrent-ils aussi ?', name: 'Binta', email: binta, notifyReplies: true });
    await post({ body: 'Le ministère doit l’annoncer ce soir.', parentId: parent.id, name: 'Modibo', email: guestEmail('modibo') });
    const [mail] = await mailsTo(binta);
    const link = unsubscribeLinkIn(mail?.text ?? '');

    // The GET (a mail scanner, a link preview) only shows the button: nothing changes.
    const confirm = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(confirm.statusCode).toBe(200);
    const form = cheerio.load(confirm.body)('main form[method="post"]');
    expect(form.attr('action')).toBe(`${link.pathname}${link.search}`);
    expect(form.find('button').text()).toBe('Me désabonner');
    await post({ body: 'Lundi, d’après la radio.', parentId: parent.id, name: 'Kadi', email: guestEmail('kadi') });
    expect(await mailsTo(binta)).toHaveLength(2);

    // The mail provider's one-click POST (RFC 8058): from elsewhere, no Origin, no cookie.
    const res = await t.app.inject({
      method: 'POST',
      url: `${link.pathname}${link.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const $ = cheerio.load(res.body);
    expect($('html').attr('lang')).toBe('fr');
    expect($('h1').text()).toBe('Désabonnement confirmé');
    expect($('main').text()).toContain('Vous ne recevrez plus d’e-mail pour les réponses à ce commentaire.');
    expect($(`a[href="${pathOf(article.url)}#comment-${parent.id}"]`).text()).toContain('Le fleuve Niger en crue');
    // Again, and as multipart (both allowed by RFC 8058): the same answer.
    const boundary = 'palabre-test';
    const multipart = await t.app.inject({
      method: 'POST',
      url: `${link.pathname}${link.search}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);

    await post({ body: 'Oui, lundi matin, c’est confirmé.', parentId: parent.id, name: 'Nana', email: guestEmail('nana') });
    expect(await mailsTo(binta)).toHaveLength(2);
    // Only that comment: the other one still gets its replies.
    await post({ body: 'Les marchés ont rouvert ce matin.', parentId: other.id, name: 'Nana', email: guestEmail('nana') });
    expect(await mailsTo(binta)).toHaveLength(3);
  });

  it('answers a bad unsubscribe token with a clear 400 page, never a stack trace, and changes nothing', async () => {
    const parent = await post({ body: 'Je reste abonnée aux réponses.', name: 'Assa', email: guestEmail('assa'), notifyReplies: true });
    const [, signature] = unsubscribeToken(t.deps.secret, parent.id).split('.');
    const urls = [
      '/notifications/unsubscribe',
      '/notifications/unsubscribe?token=',
      '/notifications/unsubscribe?token=nimportequoi',
      `/notifications/unsubscribe?token=${parent.id.toString(36)}.${'A'.repeat(22)}`,
      `/notifications/unsubscribe?token=${(parent.id + 1).toString(36)}.${signature}`,
      `/notifications/unsubscribe?token=${unsubscribeToken('un autre secret', parent.id)}`,
      `/notifications/unsubscribe?token=${parent.id.toString(36)}.${signature}x`,
      `/notifications/unsubscribe?token=${'x'.repeat(5000)}`,
      '/notifications/unsubscribe?token=a&token=b',
      '/notifications/unsubscribe?token=%E0%A4%A',
    ];
    for (const [url, method] of urls.flatMap((u) => [[u, 'GET'], [u, 'POST']] as const)) {
      const res = await t.app.inject({ method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Lien de désabonnement non valide');
      expect(res.body).toContain('Copiez-le en entier depuis l’e-mail reçu.');
      expect(res.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
    }
    const row = await t.deps.db.selectFrom('comments').select('notify_replies').where('id', '=', parent.id).executeTakeFirstOrThrow();
    expect(row.notify_replies).toBe(1);
  });
});

describe.each(DIALECTS)('reply notifications in English and when SMTP fails, on %s', (engine) => {
  /** An SMTP "server" that accepts connections and never says a word, until closed. */
  async function silentServer(): Promise<{ url: string; connections: Socket[]; close(): Promise<void> }> {
    const connections: Socket[] = [];
    const server = createServer((s) => void connections.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
      connections,
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of connections) s.destroy();
          server.close(() => {
            resolve();
          });
        }),
    };
  }

  it('writes the form label, the email and the unsubscribe page in English on an English site', async () => {
    const smtp = await startSmtp();
    const clock = fakeClock();
    const t = await createTestApp(engine, { env: { SMTP_URL: smtp.url, PALABRE_LOCALE: 'en' }, clock });
    try {
      const editor = await createUserWithToken(t.deps, 'editor');
      const article = await createArticle(t, editor.auth, { title: 'Floods on the Niger', lang: 'en' });
      const page = cheerio.load((await t.app.inject({ method: 'GET', url: pathOf(article.url) })).body);
      expect(page('label[for="comment-notify"]').text()).toBe('Email me when someone replies');
      const post = (payload: Record<string, unknown>, ip: string) => postComment(t, clock, article.id, payload, ip);
      const parent = await post({ body: 'The water is still rising in our street this morning.', name: 'Grace', email: 'grace@example.test', notifyReplies: true }, '203.0.113.1');
      const reply = await post({ body: 'Same here, the bridge is closed to traffic now.', parentId: parent.id, name: 'Kwame', email: 'kwame@example.test' }, '203.0.113.2');
      await replyNotificationsSettled(t.deps);
      const mails = await Promise.all(smtp.mails.filter((m) => m.to.includes('grace@example.test')).map((m) => simpleParser(m.raw)));
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe('New reply to your comment on “Floods on the Niger”');
      expect(mails[0]?.text).toContain('Kwame replied to your comment');
      expect(mails[0]?.text).toContain(`#comment-${reply.id}`);
      const link = unsubscribeLinkIn(mails[0]?.text ?? '');
      const confirm = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
      expect(confirm.body).toContain('Stop receiving replies?');
      expect(confirm.body).toContain('>Unsubscribe</button>');
      const done = await t.app.inject({ method: 'POST', url: `${link.pathname}${link.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(done.body).toContain('<h1>Unsubscribed</h1>');
      const bad = await t.app.inject({ method: 'GET', url: '/notifications/unsubscribe?token=bad' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Invalid unsubscribe link');
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it('answers the reply at once while the SMTP server hangs, and only logs the failed email', async () => {
    const smtp = await silentServer();
    const clock = fakeClock();
    const t = await createTestApp(engine, { env: { SMTP_URL: smtp.url }, clock });
    try {
      const editor = await createUserWithToken(t.deps, 'editor');
      const article = await createArticle(t, editor.auth, { title: 'Coupures d’électricité à Bamako' });
      const post = (payload: Record<string, unknown>, ip: string) => postComment(t, clock, article.id, payload, ip);
      const parent = await post({ body: 'Encore six heures sans courant hier soir.', name: 'Lassana', email: 'lassana@example.test', notifyReplies: true }, '203.0.113.10');
      let settled = false;
      const started = Date.now();
      const reply = await post({ body: 'Chez nous aussi, depuis trois jours.', parentId: parent.id, name: 'Nènè', email: 'nene@example.test' }, '203.0.113.11');
      void replyNotificationsSettled(t.deps).then(() => (settled = true));
      expect(reply.status).toBe('published');
      expect(Date.now() - started).toBeLessThan(2000);
      // The email is still waiting for the server's greeting: the request did not wait for it.
      await expect.poll(() => smtp.connections.length).toBeGreaterThan(0);
      expect(settled).toBe(false);
      await smtp.close();
      await replyNotificationsSettled(t.deps);
      expect(settled).toBe(true);
      // The comment stands, published, and the page still answers.
      const row = await t.deps.db.selectFrom('comments').select(['status', 'reply_notified_at']).where('id', '=', reply.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect((await t.app.inject({ method: 'GET', url: pathOf(article.url) })).statusCode).toBe(200);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
