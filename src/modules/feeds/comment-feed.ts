import { escapeUTF8 } from 'entities';
import { Feed } from 'feed';
import type { Deps } from '../../deps';
import { translator } from '../../web/i18n/i18n';
import { articlePath, isVisible, type Article } from '../articles/article';
import { getArticleById, getArticleBySlug, getArticleIdByFormerSlug } from '../articles/article.read-model';
import type { PublicComment } from '../comments/comment';
import { feedCommentsOf } from '../comments/comment.picks';

/** Comments in an article's comment feed (the latest ones, or the latest picks). */
export const COMMENT_FEED_SIZE = 50;
export const COMMENT_FEED_TYPE = 'application/rss+xml; charset=utf-8';

/** Where an article's comment feed lives: /afrique/un-titre/comments.xml, `?picks=1` for the newsroom's picks. */
export function commentFeedPath(a: Pick<Article, 'slug' | 'section'>, picks: boolean): string {
  return `${articlePath(a)}/comments.xml${picks ? '?picks=1' : ''}`;
}

/** A comment's id in a feed, stable for ever (a tag: URI like the articles'). */
export function commentGuid(baseUrl: string, c: Pick<PublicComment, 'id' | 'createdAt'>): string {
  return `tag:${new URL(baseUrl).hostname},${c.createdAt.slice(0, 10)}:comment:${c.id}`;
}

/**
 * The visible article a comment feed's path names, by its current slug or a former one
 * (the caller redirects to the current path); undefined when there is none.
 */
export async function findFeedArticle(deps: Deps, slug: string): Promise<{ article: Article } | undefined> {
  const now = deps.clock.now();
  const a = (await getArticleBySlug(deps, slug)) ?? (await formerArticle(deps, slug));
  return a && isVisible(a, now) ? { article: a } : undefined;
}

async function formerArticle(deps: Deps, slug: string): Promise<Article | undefined> {
  const id = await getArticleIdByFormerSlug(deps, slug);
  return id !== undefined ? getArticleById(deps, id) : undefined;
}

/**
 * RSS 2.0 of an article's published comments, newest first, or of its picked ones only
 * (`picks`), newest pick first, each published (`pubDate`) when it was picked. Titles are plain text given as
 * escaped HTML (as the article feeds do); the description is the comment's rendered,
 * sanitized HTML. Same comments, same bytes: the feed's date is its newest item's.
 */
export async function buildCommentFeed(deps: Deps, article: Article, picks: boolean): Promise<string> {
  const base = deps.config.baseUrl;
  const t = translator(deps.config.locale);
  const comments = await feedCommentsOf(deps, article.id, picks, COMMENT_FEED_SIZE);
  const link = base + articlePath(article);
  const items = comments.map((c) => ({
    title: escapeUTF8(t('feeds.comments.item', { name: c.author.name, title: article.title })),
    id: commentGuid(base, c),
    guid: commentGuid(base, c),
    link: `${link}#comment-${c.id}`,
    date: new Date(c.editedAt ?? c.createdAt),
    // In the picks feed an item is new when the newsroom picks it: dated by its pick.
    published: new Date((picks ? c.pickedAt : null) ?? c.createdAt),
    description: c.html,
    author: [{ name: c.author.name }],
  }));
  const feed = new Feed({
    title: t(picks ? 'feeds.comments.picks_title' : 'feeds.comments.title', { title: article.title }),
    description: t(picks ? 'feeds.comments.picks_description' : 'feeds.comments.description', { title: article.title }),
    id: `${link}#comments`,
    link: `${link}#comments`,
    language: deps.config.locale,
    updated: new Date(Math.max(new Date(article.publishAt ?? article.createdAt).getTime(), ...items.flatMap((i) => [i.date.getTime(), i.published.getTime()]))),
    generator: 'Palabre',
    feedLinks: { rss: base + commentFeedPath(article, picks) },
    copyright: t('site.name'),
  });
  for (const i of items) feed.addItem(i);
  return feed.rss2();
}
