import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { NotFoundError } from '../../web/errors';
import { formatDate } from '../../web/i18n/i18n';
import { parseInput } from '../../web/validate';
import type { AuthUser } from '../accounts/account';
import { verifyFormCsrf } from '../accounts/session.service';
import { contextOf, field, redirectAnonymousToLogin, type AdminContext } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { Csrf } from '../admin/csrf.views';
import { articlePath, type Article } from '../articles/article';
import { getArticleById } from '../articles/article.read-model';
import type { PublicComment } from './comment';
import { commentIdParams } from './comment';
import { assertComment } from './comment.policy';
import { feedCommentsOf, setPick } from './comment.picks';

/** Comments listed on the page: the latest published ones. */
const PAGE_SIZE = 300;
const pickForm = z.object({ picked: z.enum(['0', '1']) });

function PicksPage({ ctx, article, comments, saved }: { ctx: AdminContext; article: Article; comments: PublicComment[]; saved: boolean }): VNode {
  const { t, locale, csrf } = ctx;
  const path = articlePath(article);
  return (
    <>
      {saved ? (
        <p class="notice notice-ok" role="status">
          {t('picks.saved')}
        </p>
      ) : null}
      <p>{t('picks.intro')}</p>
      <p>
        <a href={`${path}?sort=picks#comments`}>{t('picks.see_order')}</a> · <a href={`${path}/comments.xml?picks=1`}>{t('picks.feed')}</a>
      </p>
      {comments.length === 0 ? <p class="empty">{t('picks.none')}</p> : <p>{t('picks.limit', { n: comments.length })}</p>}
      <ol class="pick-list">
        {comments.map((c) => (
          <li id={`comment-${c.id}`} class={c.picked ? 'picked' : undefined}>
            <p>
              <strong>{c.author.name}</strong> · {formatDate(locale, c.createdAt)} {c.picked ? <span class="badge badge-pick">{t('picks.picked')}</span> : null}
            </p>
            <blockquote>{c.body}</blockquote>
            <form method="post" action={`/admin/comments/${c.id}/pick`}>
              <Csrf csrf={csrf} />
              <input type="hidden" name="picked" value={c.picked ? '0' : '1'} />
              <button type="submit">{c.picked ? t('picks.unpick') : t('picks.pick')}</button>
            </form>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The newsroom's picks without JavaScript: an article's published comments, each with a pick (or unpick) button. */
export function registerPickPages(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);

    scope.get('/admin/articles/:id/picks', async function showPicks(request, reply) {
      assertComment(request.user, 'comment:pick');
      const ctx = contextOf(request, request.user as AuthUser);
      const { id } = parseInput(commentIdParams, request.params, ctx.locale);
      const article = await getArticleById(deps, id);
      if (!article) throw new NotFoundError('article');
      const comments = await feedCommentsOf(deps, id, false, PAGE_SIZE);
      const saved = (request.query as Record<string, unknown>).saved === '1';
      return sendAdmin(ctx, reply, { title: ctx.t('picks.title', { title: article.title }), current: 'articles' }, <PicksPage ctx={ctx} article={article} comments={comments} saved={saved} />);
    });

    scope.post('/admin/comments/:id/pick', async function submitPick(request, reply) {
      assertComment(request.user, 'comment:pick');
      verifyFormCsrf(request, field(request.body, '_csrf'));
      const { id } = parseInput(commentIdParams, request.params, request.locale);
      const { picked } = parseInput(pickForm, { picked: field(request.body, 'picked') }, request.locale);
      const done = await setPick(deps, request.user, id, picked === '1');
      return reply.redirect(`/admin/articles/${done.articleId}/picks?saved=1#comment-${id}`, 303);
    });
  });
}
