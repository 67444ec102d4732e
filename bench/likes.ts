// Rough figures behind "likes do not drop the cached article page" (docs/architecture.md):
// the cost of one render of a 200-comment article page, a cached hit, and one like.
// Usage: node scripts/moderation-run.mjs bench/likes.ts
import { renderCommentMarkdown } from '../src/web/markdown';
import { insertComment } from '../src/modules/comments/comment.repository';
import { createArticle, createUserWithToken, pathOf } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';

const t = await createTestApp('sqlite');
try {
  const editor = await createUserWithToken(t.deps, 'editor');
  const a = await createArticle(t, editor.auth, { title: 'Un article très commenté', body: 'Un texte. '.repeat(300) });
  const now = Date.parse('2026-03-08T10:00:00.000Z');
  for (let i = 0; i < 200; i++) {
    const body = `Commentaire numéro ${i} : un avis de lecteur d’une longueur ordinaire, avec quelques mots de plus pour faire bonne mesure.`;
    await insertComment(t.deps.db, {
      article_id: a.id, parent_id: null, user_id: null, author_name: `Lecteur ${i}`, author_email: null, ip_hash: null,
      body, html: renderCommentMarkdown(body), status: 'published', reasons: [], scores: {}, created_at: new Date(now + i * 1000).toISOString(),
    });
  }
  const path = pathOf(a.url);
  const time = async (n: number, fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn(i);
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn(i);
    return Number(process.hrtime.bigint() - start) / 1e6 / n;
  };
  const render = await time(200, async () => {
    await t.deps.cache.invalidate([`article:${a.id}`]);
    await t.app.inject({ method: 'GET', url: path });
  });
  const hit = await time(2000, () => t.app.inject({ method: 'GET', url: path }));
  const ids = (await t.deps.db.selectFrom('comments').select('id').where('article_id', '=', a.id).execute()).map((r) => r.id);
  const like = await time(1000, (i) => t.app.inject({ method: 'POST', url: `/api/v1/comments/${ids[i % ids.length]}/likes`, remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
  const state = await time(1000, (i) => t.app.inject({ method: 'GET', url: `/api/v1/articles/${a.id}/comments/reader`, remoteAddress: `10.0.${(i >> 8) & 255}.${i & 255}` }));
  console.log(JSON.stringify({ comments: 200, renderMs: +render.toFixed(2), cachedHitMs: +hit.toFixed(3), likeMs: +like.toFixed(2), readerStateMs: +state.toFixed(2) }));
} finally {
  await t.close();
}
