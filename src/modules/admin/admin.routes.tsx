import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, messageFor, ValidationError } from '../../web/errors';
import { translator } from '../../web/i18n/i18n';
import { parseInput } from '../../web/validate';
import { invitationSchema, ROLES, userPatchSchema } from '../accounts/account';
import { assertAccount, canAccount } from '../accounts/account.policy';
import { FormMessage } from '../accounts/login.views';
import { inviteUser, setUserLocale, updateUser } from '../accounts/auth.service';
import { verifyFormCsrf } from '../accounts/session.service';
import { createOwnToken, listOwnTokens, revokeToken } from '../accounts/token.service';
import { listAccounts } from '../accounts/user.service';
import { countUnpublishedArticles, getSectionsWithCounts, getTagsWithCounts, listArticleRows } from '../articles/article.read-model';
import { ArticleTable } from './article-list.views';
import { createSection, updateSectionName } from '../articles/section.service';
import { mergeTag, renameTag, tagMergeSchema, tagRenameSchema } from '../articles/tag.service';
import { discussionSettingsSchema, getDiscussionSettings, saveDiscussionSettings } from '../moderation/settings';
import { adminPage, field, type AdminContext } from './admin.guard';
import { canAdmin } from './admin.policy';
import { seesOwnWorkOnly } from '../articles/article.policy';
import { canModerate } from '../moderation/moderation.policy';
import { sendAdmin } from './admin.render';
import { AccountPage, SectionsPage, UsersPage } from './admin.views';
import { settingsErrorText, settingsFromForm } from './settings.form';
import { SettingsPage } from './settings.views';

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A refused form comes back with the service's message; anything unexpected goes to the error handler. */
function formError(ctx: AdminContext, err: unknown): string {
  if (err instanceof AppError && err.status < 500 && err.status !== 401) return messageFor(err, ctx.locale);
  throw err;
}

/** The newsroom's home, sections and tags, accounts, discussion settings and the user's own account. */
export function registerAdminPages(scope: FastifyInstance, deps: Deps): void {
  scope.get('/admin', async function showDashboard(request, reply) {
    const ctx = adminPage(request, 'admin:dashboard');
    const { t, user } = ctx;
    const writes = canAdmin(user, 'admin:articles');
    const now = deps.clock.now();
    const mine = seesOwnWorkOnly(user) ? user.id : undefined;
    const [counts, recent] = writes
      ? await Promise.all([countUnpublishedArticles(deps, now.toISOString(), mine), listArticleRows(deps, { now: now.toISOString(), limit: 10, ...(mine ? { authorId: mine } : {}) })])
      : [undefined, []];
    return sendAdmin(
      ctx,
      reply,
      { title: t('dash.title') },
      <>
        <p>{t('dash.hello', { name: user.name })}</p>
        <ul class="dash-links">
          {writes ? (
            <li>
              <a class="button" href="/admin/articles/new">
                {t('dash.new_article')}
              </a>
            </li>
          ) : null}
          {canModerate(user, 'moderation:queue') ? (
            <li>
              <a class="button" href="/admin/moderation">
                {t('dash.queue')}
              </a>
            </li>
          ) : null}
          <li>
            <a href="/admin/account">{t('dash.account')}</a>
          </li>
          <li>
            <a href="/admin/api">{t('dash.api')}</a>
          </li>
        </ul>
        {counts ? (
          <>
            <p>
              <a href="/admin/articles?status=draft">{t('dash.drafts', { n: counts.drafts })}</a> ·{' '}
              <a href="/admin/articles?status=scheduled">{t('dash.scheduled', { n: counts.scheduled })}</a>
            </p>
            <h2>{t('dash.recent')}</h2>
            <ArticleTable t={t} locale={ctx.locale} articles={recent} now={now} />
          </>
        ) : null}
      </>,
    );
  });

  const sectionsPage = async (ctx: AdminContext, reply: Parameters<typeof sendAdmin>[1], message?: { kind: 'ok' | 'error'; text: string }, status = 200) => {
    const [sections, tags] = await Promise.all([getSectionsWithCounts(deps), getTagsWithCounts(deps)]);
    return sendAdmin(ctx, reply, { title: ctx.t('sections.title'), current: 'sections', status }, (
      <>
        {message ? <FormMessage {...message} /> : null}
        <SectionsPage t={ctx.t} csrf={ctx.csrf} sections={sections} tags={tags} />
      </>
    ));
  };

  scope.get('/admin/sections', async (request, reply) => sectionsPage(adminPage(request, 'admin:sections'), reply));

  scope.post('/admin/sections', async function submitSection(request, reply) {
    const ctx = adminPage(request, 'admin:sections');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    try {
      const slug = field(request.body, 'slug').trim();
      await createSection(deps, ctx.user, { name: parseInput(z.string().trim().min(1).max(120), field(request.body, 'name'), ctx.locale), ...(slug ? { slug: parseInput(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60), slug, ctx.locale) } : {}) });
      return await sectionsPage(ctx, reply, { kind: 'ok', text: ctx.t('sections.created') });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  scope.post('/admin/sections/:slug', async function submitSectionName(request, reply) {
    const ctx = adminPage(request, 'admin:sections');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { slug } = request.params as { slug: string };
    try {
      await updateSectionName(deps, ctx.user, slug, parseInput(z.string().trim().min(1).max(120), field(request.body, 'name'), ctx.locale));
      return await sectionsPage(ctx, reply, { kind: 'ok', text: ctx.t('sections.renamed') });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  scope.post('/admin/tags/:slug', async function submitTagRename(request, reply) {
    const ctx = adminPage(request, 'admin:sections');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { slug } = request.params as { slug: string };
    try {
      await renameTag(deps, ctx.user, slug, parseInput(tagRenameSchema, { name: field(request.body, 'name'), slug: field(request.body, 'slug').trim() || undefined }, ctx.locale));
      return await sectionsPage(ctx, reply, { kind: 'ok', text: ctx.t('tags.renamed') });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  scope.post('/admin/tags/:slug/merge', async function submitTagMerge(request, reply) {
    const ctx = adminPage(request, 'admin:sections');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { slug } = request.params as { slug: string };
    try {
      const { into } = parseInput(tagMergeSchema, { into: field(request.body, 'into').trim() }, ctx.locale);
      const merged = await mergeTag(deps, ctx.user, slug, into);
      return await sectionsPage(ctx, reply, { kind: 'ok', text: ctx.t('tags.merged', { n: merged.articles, name: merged.name }) });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  const usersPage = async (ctx: AdminContext, reply: Parameters<typeof sendAdmin>[1], message?: { kind: 'ok' | 'error'; text: string }, status = 200) => {
    const rows = await listAccounts(deps);
    const users = rows.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled_at !== null, invited: !u.has_password }));
    return sendAdmin(ctx, reply, { title: ctx.t('users.title'), current: 'users', status }, (
      <>
        {message ? <FormMessage {...message} /> : null}
        <UsersPage t={ctx.t} csrf={ctx.csrf} users={users} isAdmin={canAccount(ctx.user, 'user:update')} inviteRoles={ROLES.filter((role) => canAccount(ctx.user, 'user:invite', { role }))} selfId={ctx.user.id} />
      </>
    ));
  };

  scope.get('/admin/users', async (request, reply) => usersPage(adminPage(request, 'admin:users'), reply));

  scope.post('/admin/users/invite', async function submitInvitation(request, reply) {
    const ctx = adminPage(request, 'admin:users');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    try {
      const input = parseInput(invitationSchema, { email: field(request.body, 'email'), name: field(request.body, 'name'), role: field(request.body, 'role') }, ctx.locale);
      const invited = await inviteUser(deps, ctx.user, input);
      return await usersPage(ctx, reply, { kind: 'ok', text: ctx.t('users.invited_ok', { email: invited.email }) });
    } catch (err) {
      return usersPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  scope.post('/admin/users/:id', async function submitUser(request, reply) {
    const ctx = adminPage(request, 'admin:users');
    assertAccount(ctx.user, 'user:update');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { id } = parseInput(idParams, request.params);
    try {
      const patch = parseInput(userPatchSchema, { role: field(request.body, 'role'), disabled: field(request.body, 'disabled') === '1' }, ctx.locale);
      await updateUser(deps, ctx.user, id, patch);
      return await usersPage(ctx, reply, { kind: 'ok', text: ctx.t('users.saved') });
    } catch (err) {
      return usersPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
    }
  });

  const settingsPage = async (
    ctx: AdminContext,
    reply: Parameters<typeof sendAdmin>[1],
    message?: { kind: 'ok' | 'error'; text: string },
    status = 200,
    typed?: { values: Record<string, unknown>; invalid: string },
  ) =>
    sendAdmin(ctx, reply, { title: ctx.t('settings.title'), current: 'settings', status }, (
      <>
        {message ? <FormMessage {...message} /> : null}
        <SettingsPage t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} s={typed?.values ?? (await getDiscussionSettings(deps))} invalid={typed?.invalid} />
      </>
    ));

  scope.get('/admin/settings', async (request, reply) => settingsPage(adminPage(request, 'admin:settings'), reply));

  /** Validated by the API's schema (PUT /api/v1/settings/discussion); a refused form saves nothing and names the field. */
  scope.post('/admin/settings', async function submitSettings(request, reply) {
    const ctx = adminPage(request, 'admin:settings');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const draft = settingsFromForm(request.body, await getDiscussionSettings(deps));
    try {
      if (draft.error) throw draft.error;
      const next = parseInput(discussionSettingsSchema, draft.values, ctx.locale);
      await saveDiscussionSettings(deps, next);
      await deps.cache.invalidate(['*']);
      return await settingsPage(ctx, reply, { kind: 'ok', text: ctx.t('settings.saved') });
    } catch (err) {
      if (!(err instanceof ValidationError)) return settingsPage(ctx, reply, { kind: 'error', text: formError(ctx, err) }, 400);
      return settingsPage(ctx, reply, { kind: 'error', text: settingsErrorText(err, ctx.locale) }, 400, { values: draft.values, invalid: err.field });
    }
  });

  const accountPage = async (ctx: AdminContext, reply: Parameters<typeof sendAdmin>[1], created?: string) =>
    sendAdmin(ctx, reply, { title: ctx.t('account.title'), current: 'account' }, (
      <AccountPage t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} tokens={await listOwnTokens(deps, ctx.user)} created={created} />
    ));

  scope.get('/admin/account', async (request, reply) => accountPage(adminPage(request, 'admin:account'), reply));

  scope.post('/admin/account/locale', async function submitLocale(request, reply) {
    const ctx = adminPage(request, 'admin:account');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const locale = parseInput(z.enum(['fr', 'en']), field(request.body, 'locale'), ctx.locale);
    await setUserLocale(deps, ctx.user, locale);
    const user = { ...ctx.user, locale };
    return accountPage({ ...ctx, user, locale, t: translator(locale) }, reply);
  });

  scope.post('/admin/account/tokens', async function submitToken(request, reply) {
    const ctx = adminPage(request, 'admin:account');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const label = parseInput(z.string().trim().min(1).max(100), field(request.body, 'label'), ctx.locale);
    const created = await createOwnToken(deps, ctx.user, label);
    return accountPage(ctx, reply, created.token);
  });

  scope.post('/admin/account/tokens/:id/revoke', async function submitRevoke(request, reply) {
    const ctx = adminPage(request, 'admin:account');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { id } = parseInput(idParams, request.params);
    await revokeToken(deps, ctx.user, id);
    return reply.redirect('/admin/account', 303);
  });
}
