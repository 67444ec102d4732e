import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps';
import { sendPublicPage } from '../../web/public-page';
import { articlePath } from '../articles/article';
import { unsubscribeQuerySchema } from './notification';
import { unsubscribeReplies } from './notification.service';
import { verifyUnsubscribeToken } from './unsubscribe-token';

/** A short page about the link: what was done, why nothing was, or the button that does it. */
function notice(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { status: number; title: string; text: string; back?: { href: string; label: string } | undefined; confirm?: { action: string; label: string } },
): Promise<FastifyReply> {
  const body = (
    <section class="notice-page">
      <h1>{page.title}</h1>
      <p>{page.text}</p>
      {page.confirm ? (
        <form method="post" action={page.confirm.action}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">{page.confirm.label}</button>
        </form>
      ) : null}
      {page.back ? (
        <p>
          <a href={page.back.href}>{page.back.label}</a>
        </p>
      ) : null}
    </section>
  );
  return sendPublicPage(deps, request, reply, { title: page.title, body, status: page.status, cacheControl: 'private, no-store' });
}

function tokenOf(deps: Deps, request: FastifyRequest): { commentId: number; token: string } | undefined {
  const parsed = unsubscribeQuerySchema.safeParse(request.query ?? {});
  if (!parsed.success) return undefined;
  const commentId = verifyUnsubscribeToken(deps.secret, parsed.data.token);
  return commentId === undefined ? undefined : { commentId, token: parsed.data.token };
}

/**
 * The unsubscribe link of reply emails. The GET only shows a button (mail scanners and
 * link previews follow links); the change is a POST: the button, or the mail provider's
 * one-click unsubscribe (RFC 8058, `List-Unsubscribe-Post`), sent from elsewhere with the
 * signed token as its only authority.
 */
export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/notifications/unsubscribe', async (request, reply) => {
    const link = tokenOf(deps, request);
    const t = request.t;
    if (!link) return notice(deps, request, reply, { status: 400, title: t('notifications.link_invalid.title'), text: t('notifications.link_invalid.text') });
    const action = `/notifications/unsubscribe?token=${encodeURIComponent(link.token)}`;
    return notice(deps, request, reply, { status: 200, title: t('notifications.confirm.title'), text: t('notifications.confirm.text'), confirm: { action, label: t('notifications.confirm.button') } });
  });

  void app.register(async (scope) => {
    // RFC 8058 allows a multipart body; its content says nothing the URL does not.
    scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', (err) => done(err));
    });
    scope.post('/notifications/unsubscribe', { config: { crossSitePost: true, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      const link = tokenOf(deps, request);
      const t = request.t;
      if (!link) return notice(deps, request, reply, { status: 400, title: t('notifications.link_invalid.title'), text: t('notifications.link_invalid.text') });
      const article = await unsubscribeReplies(deps, link.commentId);
      const back = article ? { href: `${articlePath(article)}#comment-${link.commentId}`, label: t('notifications.unsubscribed.article', { title: article.title }) } : undefined;
      return notice(deps, request, reply, { status: 200, title: t('notifications.unsubscribed.title'), text: t('notifications.unsubscribed.text'), back });
    });
  });
}
