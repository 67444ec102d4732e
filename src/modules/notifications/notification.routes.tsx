import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { Layout, renderDocument } from '../../web/layout';
import { articlePath } from '../articles/article';
import { replyNotificationsSettled, unsubscribeReplies } from './notification.service';
import { verifyUnsubscribeToken } from './unsubscribe-token';

const unsubscribeQuery = z.object({ token: z.string().max(200).default('') });
/** How long shutdown waits for reply emails still being sent. */
const SHUTDOWN_WAIT_MS = 5000;

/** A short page about the link: what was done, or why nothing was. */
function notice(request: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string, back?: { href: string; label: string }): FastifyReply {
  const body = (
    <Layout locale={request.locale} t={request.t} meta={{ title, noindex: true }}>
      <section class="notice-page">
        <h1>{title}</h1>
        <p>{text}</p>
        {back ? (
          <p>
            <a href={back.href}>{back.label}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(renderDocument(body));
}

/** The one-click unsubscribe link of reply emails; shutdown waits (briefly) for emails in flight. */
export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/notifications/unsubscribe', async (request, reply) => {
    const parsed = unsubscribeQuery.safeParse(request.query ?? {});
    const commentId = parsed.success ? verifyUnsubscribeToken(deps.secret, parsed.data.token) : undefined;
    const t = request.t;
    if (commentId === undefined) return notice(request, reply, 400, t('notifications.link_invalid.title'), t('notifications.link_invalid.text'));
    const article = await unsubscribeReplies(deps, commentId);
    const back = article ? { href: `${articlePath(article)}#comment-${commentId}`, label: t('notifications.unsubscribed.article', { title: article.title }) } : undefined;
    return notice(request, reply, 200, t('notifications.unsubscribed.title'), t('notifications.unsubscribed.text'), back);
  });

  app.addHook('onClose', async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([replyNotificationsSettled(deps), timeout]);
    clearTimeout(timer);
  });
}
