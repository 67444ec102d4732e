import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { sendPublicPage } from '../../web/public-page';
import { articlePath } from '../articles/article';
import { unsubscribeQuerySchema } from './notification';
import { unsubscribeReplies } from './notification.service';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** A short page about the link: what was done, or why nothing was. */
function notice(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { status: number; title: string; text: string; back?: { href: string; label: string } | undefined },
): Promise<FastifyReply> {
  const body = (
    <section class="notice-page">
      <h1>{page.title}</h1>
      <p>{page.text}</p>
      {page.back ? (
        <p>
          <a href={page.back.href}>{page.back.label}</a>
        </p>
      ) : null}
    </section>
  );
  return sendPublicPage(deps, request, reply, { title: page.title, body, status: page.status, cacheControl: 'private, no-store' });
}

/** The one-click unsubscribe link of reply emails. */
export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/notifications/unsubscribe', async (request, reply) => {
    const parsed = unsubscribeQuerySchema.safeParse(request.query ?? {});
    const commentId = parsed.success ? verifyUnsubscribeToken(deps.secret, parsed.data.token) : undefined;
    const t = request.t;
    if (commentId === undefined) return notice(deps, request, reply, { status: 400, title: t('notifications.link_invalid.title'), text: t('notifications.link_invalid.text') });
    const article = await unsubscribeReplies(deps, commentId);
    const back = article ? { href: `${articlePath(article)}#comment-${commentId}`, label: t('notifications.unsubscribed.article', { title: article.title }) } : undefined;
    return notice(deps, request, reply, { status: 200, title: t('notifications.unsubscribed.title'), text: t('notifications.unsubscribed.text'), back });
  });
}
