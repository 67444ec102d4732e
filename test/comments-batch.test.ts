import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticleById } from '../src/modules/articles/article.read-model';
import type { PreparedComment } from '../src/modules/comments/comment.batch';
import { shapesRun } from '../src/db/statement-shapes';
import { renderCommentMarkdown } from '../src/web/markdown';
import { DIALECTS } from './support/dialects';
import { createArticle, createUserWithToken, warmUpPosting, type ArticleJson } from './support/factories';
import { readerToken } from './support/guest-comment';
import { createTestApp, type TestApp } from './support/test-app';

const SUBJECTS = ['la mairie', 'le conseil', 'la préfecture', 'les riverains', 'la région', 'le syndicat', 'les pompiers', 'la commune', 'les élus', 'le département'];
const VERBS = ['doit expliquer', 'aurait dû prévoir', 'devra financer', 'a bien géré', 'sous-estime'];

/** The n-th ordinary reader comment: a different text each time. */
function text(n: number): string {
  return `Je pense que ${SUBJECTS[n % SUBJECTS.length]} ${VERBS[Math.floor(n / SUBJECTS.length) % VERBS.length]} la suite des travaux du pont (avis numéro ${n + 1}).`;
}

function row(articleId: number, n: number): PreparedComment['row'] {
  return {
    article_id: articleId,
    parent_id: null,
    user_id: null,
    author_name: `Lectrice ${n}`,
    author_email: null,
    ip_hash: null,
    body: text(n),
    html: `<p>${text(n)}</p>`,
    status: 'published',
    reasons: [],
    scores: {},
    created_at: new Date().toISOString(),
  };
}

describe.each(DIALECTS)('new comments written in groups (group commit) on %s', (engine) => {
  let t: TestApp;
  let article: ArticleJson;
  let editorAuth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const editor = await createUserWithToken(t.deps, 'editor');
    editorAuth = editor.auth;
    article = await createArticle(t, editor.auth, { title: 'Le pont de la Garonne' });
    // The moderation models load with the first comment: not while 51 requests wait.
    await warmUpPosting(t, editor.auth);
    // 50 comments in a minute on one article would switch it to pre-moderation, at an instant that depends on order.
    const off = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/discussion', headers: editor.auth, payload: { autoRules: { enabled: false } } });
    expect(off.statusCode, off.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * One reader's post. A busy machine may shed load (503, nothing written: app.ts's overload
   * shedding); a client retries those, as Retry-After asks.
   */
  const post = async (n: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
    for (let attempt = 1; ; attempt++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/articles/${article.id}/comments`, remoteAddress: `198.51.100.${n + 1}`, headers, payload: { name: `Lecteur ${n}`, email: `lecteur${n}@example.test`, token: readerToken(t, article.id), ...payload } });
      if (res.statusCode !== 503 || attempt === 20) return res;
      await delay(250);
    }
  };

  it('answers 50 concurrent posts with distinct ids, stores each once with the status the pipeline gave and its own HTML, and refuses a bad parent alone', async () => {
    const markdown = (n: number) => (n % 10 === 3 ? `\n\n> Comme le dit *le maire* :\nle **pont** <b>tiendra</b> & [voir](https://c.example.test)` : '');
    const bodies = Array.from({ length: 50 }, (_, n) => (n % 10 === 9 ? `${text(n)} Voir https://a.example.test et https://b.example.test` : text(n) + markdown(n)));
    const [bad, ...answers] = await Promise.all([post(60, { body: text(60), parentId: 987_654 }), ...bodies.map((body, n) => post(n, { body }))]);
    expect(bad?.statusCode, bad?.body).toBe(400);
    expect(bad?.json()).toMatchObject({ error: 'invalid_input', field: 'parentId' });
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const results = answers.map((a) => a.json<{ id: number; status: string; reasons: { code: string }[] }>());
    expect(new Set(results.map((r) => r.id)).size).toBe(50);
    // Two links hold a comment (maxLinks 2); the others are published.
    results.forEach((r, n) => {
      if (n % 10 === 9) expect(r).toMatchObject({ status: 'pending', reasons: [{ code: 'too_many_links' }] });
      else expect(r).toMatchObject({ status: 'published', reasons: [] });
    });
    const stored = await t.deps.db.selectFrom('comments').select(['id', 'body', 'html', 'status']).where('article_id', '=', article.id).execute();
    expect(stored).toHaveLength(50);
    const byId = new Map(stored.map((c) => [c.id, c]));
    // Rendered with the group's (one sanitize call), each as it would be alone.
    results.forEach((r, n) => expect(byId.get(r.id)).toEqual({ id: r.id, body: bodies[n], html: renderCommentMarkdown(bodies[n] ?? ''), status: r.status }));
    expect(byId.get(results[3]?.id ?? 0)?.html).toContain('<blockquote>');
  });

  it("answers the pipeline's questions for comments arriving together as one at a time would: ban, flood, repeat", async () => {
    // Reader 150's address gets banned after its comment; reader 151 has just posted (15 s flood rule); reader 152 sends 151's text again.
    const first = await post(150, { body: text(150) });
    expect(first.statusCode, first.body).toBe(201);
    const ban = await t.app.inject({ method: 'POST', url: '/api/v1/moderation/bans', headers: editorAuth, payload: { commentId: first.json<{ id: number }>().id, kind: 'address' } });
    expect(ban.statusCode, ban.body).toBe(201);
    const earlier = await post(151, { body: text(151) });
    expect(earlier.statusCode, earlier.body).toBe(201);
    // One burst: these questions are gathered into one query per kind (comment.lookups.ts).
    const [banned, flooded, repeated, ...others] = await Promise.all([
      post(150, { body: text(160) }),
      post(151, { body: text(161) }),
      post(152, { body: text(151) }),
      ...Array.from({ length: 20 }, (_, i) => post(170 + i, { body: text(170 + i) })),
    ]);
    expect(banned?.statusCode, banned?.body).toBe(403);
    expect(banned?.json()).toMatchObject({ error: 'banned' });
    expect(flooded?.statusCode, flooded?.body).toBe(429);
    expect(flooded?.json()).toMatchObject({ error: 'rate_limited' });
    expect(repeated?.statusCode, repeated?.body).toBe(201);
    expect(repeated?.json()).toMatchObject({ status: 'pending', reasons: [{ code: 'repeat' }] });
    for (const a of others) expect([a.statusCode, a.json<{ status: string }>().status], a.body).toEqual([201, 'published']);
    const stored = await t.deps.db.selectFrom('comments').select('body').where('article_id', '=', article.id).where('body', 'in', [text(160), text(161)]).execute();
    expect(stored).toEqual([]);
  });

  it('writes the comments handed over in one turn in one transaction: the article version moves once', async () => {
    const before = (await getArticleById(t.deps, article.id))?.version ?? 0;
    const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => t.deps.comments.write(t.deps, { row: row(article.id, 100 + n) })));
    expect(new Set(ids).size).toBe(20);
    expect((await getArticleById(t.deps, article.id))?.version).toBe(before + 1);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/articles/${article.id}/comments?sort=newest` });
    expect(listed.json<{ comments: { id: number }[] }>().comments.slice(0, 20).map((c) => c.id)).toEqual([...ids].sort((a, b) => b - a));
  });

  it('fails only the comment the database refuses: the others of its group are written', async () => {
    const good = Array.from({ length: 5 }, (_, n) => t.deps.comments.write(t.deps, { row: row(article.id, 200 + n) }));
    // No such article: the foreign key refuses it, inside the group's transaction.
    const orphan = t.deps.comments.write(t.deps, { row: row(2_000_000_000, 299) });
    const settled = await Promise.allSettled([...good, orphan]);
    expect(settled.slice(0, 5).map((s) => s.status)).toEqual(Array(5).fill('fulfilled'));
    expect(settled[5]?.status).toBe('rejected');
    const ids = settled.slice(0, 5).map((s) => (s as PromiseFulfilledResult<number>).value);
    const stored = await t.deps.db.selectFrom('comments').select('id').where('id', 'in', ids).execute();
    expect(stored).toHaveLength(5);
  });

  it('writes one comment for concurrent posts with the same Idempotency-Key, answering each with it', async () => {
    const headers = { 'idempotency-key': 'cle-de-test-1' };
    const answers = await Promise.all([1, 2, 3].map(() => post(70, { body: text(70) }, headers)));
    for (const a of answers) expect([201, 409], a.body).toContain(a.statusCode);
    const ok = answers.filter((a) => a.statusCode === 201).map((a) => a.json<{ id: number }>().id);
    expect(new Set(ok).size).toBe(1);
    const stored = await t.deps.db.selectFrom('comments').select('id').where('body', '=', text(70)).execute();
    expect(stored.map((c) => c.id)).toEqual(ok.slice(0, 1));
  });

  it('runs the statements of every group from SQL compiled once per shape, with its parameters in the order Kysely wrote them', async () => {
    // An account's comments too (their flood and repeat questions are by account), beside the guests' of the tests above.
    const readers = await Promise.all([1, 2, 3].map((n) => createUserWithToken(t.deps, 'reader', `Abonnée ${n}`)));
    const answers = await Promise.all(readers.map((r, n) => post(300 + n, { body: text(300 + n) }, r.auth)));
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const shapes = shapesRun(t.deps.db);
    const kinds = ['comments.insert-new.', 'comments.last-by-address.', 'comments.last-by-user.', 'comments.repeats.', 'moderation_bans.of.', 'articles.bump-version', 'articles.discussion-rules', 'moderation_models.versions.', 'settings.find'];
    for (const kind of kinds) expect([...shapes.keys()].some((s) => s.startsWith(kind)), kind).toBe(true);
    // A shape whose parameters were not Kysely's would be compiled at every run (false).
    expect([...shapes].filter(([, reused]) => !reused)).toEqual([]);
  });
});
