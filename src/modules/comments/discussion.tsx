import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps';
import type { Article } from '../articles/article';
import { NotFoundError } from '../../web/errors';
import { issueFormToken } from '../moderation/form-token';
import { getDiscussionSettings, isDiscussionOpen, type DiscussionSettings } from '../moderation/settings';
import { COMMENT_SORTS, type CommentSort } from './comment';
import { buildThreads, idsOfThreads, pageOfThreads, sortThreads, withRows, type ThreadKey, type ThreadNode } from './comment.presenter';
import { readerKey } from './comment.reader';
import { markPicksAndStaff, pickedOfArticle } from './comment.picks';
import { listPublishedByIds, listPublishedKeys } from './comment.repository';
import { Discussion, discussionQuery, type FormState, type PageHref } from './comment.views';
import { listLikedIds } from './reaction.repository';
import type { SortHref } from './reaction.views';

export type { FormState };
export { discussionQuery };

/** How the discussion is shown: its order, its page, the comment answered, and (personal renders only) what this reader liked. */
export interface DiscussionView {
  sort?: CommentSort;
  /** Which page of `pageSize` threads (default 1). */
  page?: number;
  /** A comment to show: the page holding its thread is shown, whatever `page` says (the no-JS like, report, post). */
  focus?: number;
  liked?: ReadonlySet<number>;
  replyToId?: number;
  /** Back from the no-JS report button: the thank-you shows. */
  reported?: boolean;
}

/** Where the discussion's no-JS links and form lead: the article page by default, the embed its own way. */
export interface DiscussionLinks {
  sortHref?: SortHref;
  /** The previous/next page links (default: `?sort=…&page=…` on this page). */
  pageHref?: PageHref;
  replyHref?: (commentId: number) => string;
  /** The page a no-JS form post comes back to (the embed). */
  returnTo?: string;
}

/** 404: a page of the discussion past its last one (comments removed since the link was made, or a made-up number). */
export class DiscussionPageNotFound extends NotFoundError {
  constructor() {
    super('discussion_page');
  }
}

/**
 * The one builder of an article's discussion (one page of `pageSize` threads in the chosen
 * order, the links to the others, like marks, the form with its fresh token), used by the
 * article page and the embed alike. The count is the whole discussion's.
 * @throws DiscussionPageNotFound past the last page
 */
export async function buildDiscussion(deps: Deps, request: FastifyRequest, article: Article, form: FormState = {}, view: DiscussionView = {}, links: DiscussionLinks = {}): Promise<VNode> {
  const settings = await getDiscussionSettings(deps);
  const sort = view.sort ?? 'oldest';
  const shown = await threadPage(deps, article.id, settings, sort, view.page ?? 1, view.focus ?? view.replyToId);
  if (!shown) throw new DiscussionPageNotFound();
  const parent = view.replyToId !== undefined ? shown.rows.get(view.replyToId) : undefined;
  return (
    <Discussion
      articleId={article.id}
      threads={shown.threads}
      page={shown.page}
      pages={shown.pages}
      lastId={shown.lastId}
      sort={sort}
      {...(links.sortHref ? { sortHref: links.sortHref } : {})}
      {...(links.pageHref ? { pageHref: links.pageHref } : {})}
      {...(view.liked ? { liked: view.liked } : {})}
      reported={view.reported === true}
      count={shown.count}
      open={isDiscussionOpen(article, settings, deps.clock.now())}
      settings={settings}
      t={request.t}
      locale={request.locale}
      form={parent ? { ...form, replyTo: { id: parent.id, name: parent.author_name } } : form}
      formToken={issueFormToken(deps.secret, article.id, deps.clock.now())}
      {...(links.replyHref ? { replyHref: links.replyHref } : {})}
      {...(links.returnTo !== undefined ? { returnTo: links.returnTo } : {})}
    />
  );
}

/**
 * One page of an article's published threads in this order: the threads are built and ordered
 * from the comments' keys alone (id, parent, likes; picks for that order), then only the page's
 * rows are read with their text and marks (a 3,000-comment discussion reads 3,000 keys and one
 * page of text). Undefined past the last page.
 */
async function threadPage(deps: Deps, articleId: number, settings: DiscussionSettings, sort: CommentSort, page: number, focus: number | undefined) {
  const [keys, picked] = await Promise.all([publishedKeys(deps, articleId), sort === 'picks' ? pickedOfArticle(deps, articleId) : []]);
  const ordered = orderedThreads(keys, settings.threadDepth, sort, new Set(picked));
  const shown = pageOfThreads(ordered, settings.pageSize, page, focus);
  if (!shown) return undefined;
  const stored = await listPublishedByIds(deps.db, articleId, idsOfThreads(shown.threads));
  const rows = new Map((await markPicksAndStaff(deps, stored)).map((r) => [r.id, r]));
  return { threads: withRows(shown.threads, rows), rows, page: shown.page, pages: shown.pages, count: keys.length, lastId: keys.reduce((max, k) => Math.max(max, k.id), 0) };
}

type Keys = Awaited<ReturnType<typeof listPublishedKeys>>;
/** The threads built from one read of keys, by depth and order (`oldest`, `newest`, `top`; picks change without a new read). */
const threadsOfKeys = new WeakMap<Keys, Map<string, ThreadNode<ThreadKey>[]>>();

/**
 * The threads of these keys in this order. The orders rendered from one shared read (a static
 * snapshots flush: four orders of a 20,000-comment discussion) build the threads once and order
 * them once each, instead of once per order and per render: neither the keys nor the built
 * threads are ever changed (sortThreads returns new lists), so sharing them is safe.
 */
function orderedThreads(keys: Keys, depth: number, sort: CommentSort, picked: ReadonlySet<number>): ThreadNode<ThreadKey>[] {
  let built = threadsOfKeys.get(keys);
  if (!built) threadsOfKeys.set(keys, (built = new Map<string, ThreadNode<ThreadKey>[]>()));
  const memo = (key: string, make: () => ThreadNode<ThreadKey>[]) => {
    const known = built.get(key);
    if (known) return known;
    const made = make();
    built.set(key, made);
    return made;
  };
  const roots = memo(String(depth), () => buildThreads(keys, depth));
  return sort === 'picks' ? sortThreads(roots, sort, picked) : memo(`${depth} ${sort}`, () => sortThreads(roots, sort));
}

/** Reads of an article's comment keys in progress, by database and article, with the page cache's generation when they began. */
const keysReading = new WeakMap<object, Map<number, { generation: number; keys: Promise<Keys> }>>();

/**
 * An article's published comment keys. The orders of a discussion rendered at once (a static
 * snapshots flush asks for its four together) share one read while it is in progress, if nothing
 * was dropped from the page cache since it began (every change of a discussion moves its
 * generation): the same rows a read of their own would see. Nobody changes the rows (shared).
 */
function publishedKeys(deps: Deps, articleId: number): Promise<Keys> {
  const reading = keysReading.get(deps.db) ?? new Map<number, { generation: number; keys: Promise<Keys> }>();
  keysReading.set(deps.db, reading);
  const running = reading.get(articleId);
  if (running && running.generation === deps.cache.generation) return running.keys;
  const entry = { generation: deps.cache.generation, keys: listPublishedKeys(deps.db, articleId) };
  reading.set(articleId, entry);
  const done = () => {
    if (reading.get(articleId) === entry) reading.delete(articleId);
  };
  entry.keys.then(done, done);
  return entry.keys;
}

/** The order a reader asked for; an unknown one is the default, sharing its cached page. */
export function discussionSort(asked: unknown): CommentSort {
  return COMMENT_SORTS.find((s) => s === asked) ?? 'oldest';
}

/** The page a reader asked for (`?page=`): a whole number from 1, anything else is the first page, sharing its cached page. */
export function discussionPage(asked: unknown): number {
  return typeof asked === 'string' && /^[1-9]\d{0,5}$/.test(asked) ? Number(asked) : 1;
}

/** A comment id of a query parameter (`?liked=`, `?reported=`, `?focus=`), else undefined. */
export function commentIdOf(asked: unknown): number | undefined {
  return typeof asked === 'string' && /^[1-9]\d{0,14}$/.test(asked) ? Number(asked) : undefined;
}

/** The comments of this article the reader liked (a personal render after the no-JS like button). */
export async function readerLikes(deps: Deps, request: FastifyRequest, articleId: number): Promise<Set<number>> {
  return new Set(await listLikedIds(deps.db, articleId, readerKey(deps, request)));
}

/** The notice shown after a no-JS post (?comment=…), on the article page and in the embed. */
export function postOutcome(request: FastifyRequest, outcome: unknown): FormState['message'] | undefined {
  if (outcome === 'published') return { kind: 'ok', text: request.t('comments.posted_published') };
  if (outcome === 'pending') return { kind: 'ok', text: request.t('comments.posted_pending') };
  if (outcome === 'refused') return { kind: 'error', text: request.t('comments.posted_refused') };
  return undefined;
}
