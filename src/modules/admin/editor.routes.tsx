import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, messageFor } from '../../web/errors';
import { formatDate } from '../../web/i18n/i18n';
import { renderArticleMarkdown } from '../../web/markdown';
import { parseInput } from '../../web/validate';
import { verifyFormCsrf } from '../accounts/session.service';
import { listBylineAccounts } from '../accounts/user.service';
import { articleCreateSchema, articlePatchSchema, articlePath, isVisible, ARTICLE_STATUSES, type Article } from '../articles/article';
import { canArticle, seesOwnWorkOnly } from '../articles/article.policy';
import { createArticle, decodeCursor, encodeCursor, getArticle, updateArticle } from '../articles/article.service';
import { Pagination } from '../articles/article.views';
import { getSectionBySlug, getSections, listArticleRows } from '../articles/article.read-model';
import { articleHistory, discardAutosave, pendingAutosave, restoreRevision, revisionWithNext } from '../articles/revision.service';
import { listLibrary } from '../media/media.service';
import { adminPage, field, type AdminContext } from './admin.guard';
import { sendAdmin } from './admin.render';
import { ArticleFilterForm, ArticleTable } from './article-list.views';
import { emptyValues, toCreate, toPatch, valuesFromArticle, valuesFromForm, type EditorValues } from './editor.form';
import { EditorForm } from './editor.views';
import { RevisionDiff, RevisionList } from './revisions.views';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const revisionParams = z.object({ id: z.coerce.number().int().positive(), rid: z.coerce.number().int().positive() });
const filterSchema = z.object({
  status: z.enum(ARTICLE_STATUSES).optional().catch(undefined),
  section: z.string().max(80).optional().catch(undefined),
  author: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});
const LIST_PAGE = 50;

/** The article list, the editor (new, edit), the revision history, its diffs and restore. */
export function registerEditorPages(scope: FastifyInstance, deps: Deps): void {
  const editorPage = async (
    ctx: AdminContext,
    reply: FastifyReply,
    o: { values: EditorValues; article?: Article; message?: { kind: 'ok' | 'error'; text: string }; status?: number; autosave?: { time: string; href: string } },
  ) => {
    const [sections, people, media] = await Promise.all([getSections(deps), listBylineAccounts(deps), listLibrary(deps, ctx.user, 200)]);
    const now = deps.clock.now();
    return sendAdmin(
      ctx,
      reply,
      { title: o.article ? ctx.t('editor.edit', { title: o.article.title }) : ctx.t('editor.new'), current: 'articles', scripts: ['editor.js'], ...(o.status ? { status: o.status } : {}) },
      <EditorForm
        t={ctx.t}
        csrf={ctx.csrf}
        values={o.values}
        {...(o.article ? { articleId: o.article.id, publicUrl: isVisible(o.article, now) ? articlePath(o.article) : undefined } : {})}
        sections={sections}
        people={people}
        images={media.map((m) => ({ id: m.id, alt: m.alt, originalName: m.originalName }))}
        canPublish={canArticle(ctx.user, 'article:publish')}
        previewHtml={renderArticleMarkdown(o.values.body)}
        message={o.message}
        autosave={o.autosave}
      />,
    );
  };

  const refused = (ctx: AdminContext, reply: FastifyReply, values: EditorValues, err: unknown, article?: Article) => {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 401) throw err;
    const message = { kind: 'error' as const, text: ctx.t('editor.error', { message: messageFor(err, ctx.locale) }) };
    return editorPage(ctx, reply, { values, message, status: err.status, ...(article ? { article } : {}) });
  };

  scope.get('/admin/articles', async function showArticleList(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    const f = filterSchema.parse(request.query ?? {});
    const now = deps.clock.now();
    const section = f.section ? await getSectionBySlug(deps, f.section) : undefined;
    // Authors work on their own articles; the newsroom's other work is not theirs to browse here.
    const authorId = seesOwnWorkOnly(ctx.user) ? ctx.user.id : f.author;
    const before = f.after ? decodeCursor(f.after) : undefined;
    const [rows, sections, people] = await Promise.all([
      listArticleRows(deps, {
        now: now.toISOString(),
        limit: LIST_PAGE + 1,
        ...(before ? { before } : {}),
        ...(f.status ? { status: f.status } : {}),
        ...(section ? { sectionId: section.id } : f.section ? { sectionId: -1 } : {}),
        ...(authorId !== undefined ? { authorId } : {}),
      }),
      getSections(deps),
      seesOwnWorkOnly(ctx.user) ? Promise.resolve([]) : listBylineAccounts(deps),
    ]);
    const articles = rows.slice(0, LIST_PAGE);
    const last = rows.length > LIST_PAGE ? articles[articles.length - 1] : undefined;
    const keep = new URLSearchParams(Object.entries({ status: f.status, section: f.section, author: f.author }).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => [k, String(v)]));
    const next = last ? `/admin/articles?${new URLSearchParams([...keep, ['after', encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id })]]).toString()}` : undefined;
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t('articles.title'), current: 'articles' },
      <>
        <p>
          <a class="button" href="/admin/articles/new">
            {ctx.t('dash.new_article')}
          </a>
        </p>
        <ArticleFilterForm t={ctx.t} filters={{ status: f.status, section: f.section, author: authorId }} sections={sections} people={people} />
        <ArticleTable t={ctx.t} locale={ctx.locale} articles={articles} now={now} />
        <Pagination t={ctx.t} next={next} prev={f.after ? `/admin/articles?${keep.toString()}` : undefined} />
      </>,
    );
  });

  scope.get('/admin/articles/new', async function showNewArticle(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    return editorPage(ctx, reply, { values: emptyValues(ctx.user.id) });
  });

  scope.post('/admin/articles', async function submitNewArticle(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const values = valuesFromForm(request.body);
    if (field(request.body, 'intent') === 'preview') return editorPage(ctx, reply, { values });
    try {
      const input = parseInput(articleCreateSchema, toCreate(values, deps.clock.now()), ctx.locale);
      const a = await createArticle(deps, ctx.user, input);
      // eslint-disable-next-line @typescript-eslint/return-await -- a FastifyReply is thenable, not a promise to wait for
      return reply.redirect(`/admin/articles/${a.id}?saved=1`, 303);
    } catch (err) {
      return refused(ctx, reply, values, err);
    }
  });

  scope.get('/admin/articles/:id', async function showEditor(request: FastifyRequest, reply) {
    const ctx = adminPage(request, 'admin:articles');
    const { id } = parseInput(idParams, request.params);
    const article = await getArticle(deps, ctx.user, id);
    const q = request.query as { saved?: string; autosave?: string; restored?: string };
    const values = valuesFromArticle(article, deps.clock.now());
    const auto = await pendingAutosave(deps, ctx.user, article);
    if (auto && q.autosave === '1') return editorPage(ctx, reply, { article, values: { ...values, title: auto.title, summary: auto.summary, body: auto.body } });
    const message = q.saved === '1' ? ctx.t('editor.saved') : q.restored === '1' ? ctx.t('revisions.restored') : undefined;
    return editorPage(ctx, reply, {
      article,
      values,
      ...(message ? { message: { kind: 'ok' as const, text: message } } : {}),
      ...(auto ? { autosave: { time: formatDate(ctx.locale, auto.saved_at), href: `/admin/articles/${id}?autosave=1` } } : {}),
    });
  });

  scope.post('/admin/articles/:id', async function submitArticle(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { id } = parseInput(idParams, request.params);
    const article = await getArticle(deps, ctx.user, id);
    const values = valuesFromForm(request.body);
    if (field(request.body, 'intent') === 'preview') return editorPage(ctx, reply, { article, values });
    try {
      const patch = parseInput(articlePatchSchema, toPatch(values, article, deps.clock.now()), ctx.locale);
      await updateArticle(deps, ctx.user, id, patch);
      await discardAutosave(deps, ctx.user, id);
      // eslint-disable-next-line @typescript-eslint/return-await -- a FastifyReply is thenable, not a promise to wait for
      return reply.redirect(`/admin/articles/${id}?saved=1`, 303);
    } catch (err) {
      return refused(ctx, reply, values, err, article);
    }
  });

  scope.get('/admin/articles/:id/revisions', async function showRevisions(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    const { id } = parseInput(idParams, request.params);
    const { article, entries } = await articleHistory(deps, ctx.user, id);
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t('revisions.title', { title: article.title }), current: 'articles' },
      <>
        <p>
          <a href={`/admin/articles/${id}`}>{ctx.t('articles.edit')}</a>
        </p>
        <RevisionList t={ctx.t} locale={ctx.locale} articleId={id} entries={entries} />
      </>,
    );
  });

  scope.get('/admin/articles/:id/revisions/:rid', async function showRevisionDiff(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    const { id, rid } = parseInput(revisionParams, request.params);
    const { article, revision, next } = await revisionWithNext(deps, ctx.user, id, rid);
    const canRestore = canArticle(ctx.user, 'revision:restore', { authorIds: article.authors.map((a) => a.id), storedStatus: article.storedStatus });
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t('revisions.diff_title', { date: formatDate(ctx.locale, revision.created_at) }), current: 'articles' },
      <RevisionDiff t={ctx.t} locale={ctx.locale} csrf={ctx.csrf} articleId={id} revision={revision} next={next} canRestore={canRestore} />,
    );
  });

  scope.post('/admin/articles/:id/revisions/:rid/restore', async function submitRestore(request, reply) {
    const ctx = adminPage(request, 'admin:articles');
    verifyFormCsrf(request, field(request.body, '_csrf'));
    const { id, rid } = parseInput(revisionParams, request.params);
    await restoreRevision(deps, ctx.user, id, rid);
    return reply.redirect(`/admin/articles/${id}?restored=1`, 303);
  });
}
