import type { Deps } from '../../deps';
import type { Mail } from '../../infra/mailer';
import { t } from '../../web/i18n/i18n';
import { accountEmail, reachableAccountEmail } from '../accounts/account.records';
import { articlePath, type Article } from '../articles/article';
import { getArticleById } from '../articles/article.read-model';
import { markdownToText } from '../search/search.plain';
import { claimReplyNotice, findReplyPairOf, stopReplyNotices, type ReplyPair } from '../comments/comment.replies';
import { unsubscribeToken } from './unsubscribe-token';

/** Longest excerpt of a reply quoted in the email, in characters. */
const EXCERPT_MAX = 300;

/**
 * Listens to 'comment.changed': each time a comment becomes public (posted, or approved
 * or restored by a moderator), its parent's author is emailed if they asked to be. The
 * work runs after the request's transaction and outside the request (deps.replyMails):
 * a slow or broken SMTP server never slows or fails the posting of a comment, it is
 * only logged. A held comment (pending, spam, rejected) never sends anything.
 */
export function installReplyNotifications(deps: Deps): void {
  deps.hooks.on('comment.changed', (e) => {
    if (e.kind === 'erased' || e.status !== 'published' || e.previousStatus === 'published' || e.parentId === null) return;
    deps.replyMails.track(notifyReply(deps, e.commentId));
  });
}

/** Resolves once every reply email started so far has been sent or has failed. */
export async function replyNotificationsSettled(deps: Deps): Promise<void> {
  await deps.replyMails.settled();
}

async function notifyReply(deps: Deps, replyId: number): Promise<void> {
  try {
    await sendReplyNotice(deps, replyId);
  } catch (err) {
    deps.log.warn({ err, commentId: replyId }, 'reply notification not sent');
  }
}

/** A reply and its parent with each author's email (an account's, else the guest's). */
interface ReplyNotice extends ReplyPair {
  replierEmail: string | null;
  /** The account's email (null when the account is suspended), else the guest's. */
  parentEmail: string | null;
}

async function findReplyNotice(deps: Deps, replyId: number): Promise<ReplyNotice | undefined> {
  const pair = await findReplyPairOf(deps, replyId);
  if (!pair) return undefined;
  const [replierEmail, parentEmail] = await Promise.all([
    pair.replierUserId !== null ? accountEmail(deps, pair.replierUserId) : pair.replierGuestEmail,
    pair.parentUserId !== null ? reachableAccountEmail(deps, pair.parentUserId) : pair.parentGuestEmail,
  ]);
  return { ...pair, replierEmail, parentEmail };
}

/** Whether the parent's author gets an email for this reply: opted in, reachable, and not its own reply. */
function wantsNotice(n: ReplyNotice): n is ReplyNotice & { parentEmail: string } {
  if (n.parentNotify !== 1 || n.parentStatus !== 'published' || !n.parentEmail) return false;
  if (n.replierUserId !== null && n.replierUserId === n.parentUserId) return false;
  return n.replierEmail === null || n.replierEmail.toLowerCase() !== n.parentEmail.toLowerCase();
}

/**
 * Emails the parent's author about a newly published reply, at most once per reply
 * (the mark is taken before sending, on whichever instance gets there first).
 * Returns whether an email was sent.
 */
export async function sendReplyNotice(deps: Deps, replyId: number): Promise<boolean> {
  const n = await findReplyNotice(deps, replyId);
  if (!n || !wantsNotice(n)) return false;
  const article = await getArticleById(deps, n.articleId);
  if (!article) return false;
  if (!(await claimReplyNotice(deps, replyId))) return false;
  await deps.mailer.send(replyMail(deps, article, n));
  return true;
}

/** The reply as plain text, cut at a word near EXCERPT_MAX characters. */
function excerpt(markdown: string): string {
  const text = markdownToText(markdown).replace(/\s+/g, ' ').trim();
  if (text.length <= EXCERPT_MAX) return text;
  const cut = text.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The link of a reply email that turns reply emails off for the comment. */
export function unsubscribeUrl(deps: Deps, commentId: number): string {
  return `${deps.config.baseUrl}/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(deps.secret, commentId))}`;
}

function replyMail(deps: Deps, article: Article, n: ReplyNotice & { parentEmail: string }): Mail {
  const locale = deps.config.locale;
  const unsubscribe = unsubscribeUrl(deps, n.parentId);
  const params = {
    name: n.parentName,
    replier: n.replierName,
    title: article.title,
    excerpt: excerpt(n.replyBody),
    link: `${deps.config.baseUrl}${articlePath(article)}#comment-${n.replyId}`,
    unsubscribe,
  };
  return {
    to: n.parentEmail,
    subject: t(locale, 'notifications.mail.subject', { title: article.title }),
    text: t(locale, 'notifications.mail.text', params),
    // RFC 8058: the mail provider's own button POSTs to the link, never a GET from a link scanner.
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Turns reply emails off for a comment (the unsubscribe link); the comment's article, if any. */
export async function unsubscribeReplies(deps: Deps, commentId: number): Promise<Article | undefined> {
  const articleId = await stopReplyNotices(deps, commentId);
  return articleId === undefined ? undefined : getArticleById(deps, articleId);
}
