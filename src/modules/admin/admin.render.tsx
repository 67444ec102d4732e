import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { AdminLayout, type AdminLayoutProps } from '../../web/admin-layout';
import { renderDocument } from '../../web/layout';
import { NO_STORE, type AdminContext } from './admin.guard';

/** Sends a newsroom page in the user's language, never cached. */
export function sendAdmin(
  ctx: AdminContext,
  reply: FastifyReply,
  page: { title: string; current?: AdminLayoutProps['current']; scripts?: string[]; status?: number },
  children: ComponentChildren,
): FastifyReply {
  const html = renderDocument(
    <AdminLayout
      locale={ctx.locale}
      t={ctx.t}
      user={ctx.user}
      title={page.title}
      csrf={ctx.csrf}
      {...(page.current ? { current: page.current } : {})}
      {...(page.scripts ? { scripts: page.scripts } : {})}
    >
      {children}
    </AdminLayout>,
  );
  return reply.code(page.status ?? 200).headers(NO_STORE).send(html);
}
