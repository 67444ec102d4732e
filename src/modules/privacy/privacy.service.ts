import { createHmac } from 'node:crypto';
import type { Deps } from '../../deps';
import { AppError } from '../../web/errors';
import { t } from '../../web/i18n/i18n';
import { safeEqual } from '../../web/security';
import type { AuthUser } from '../accounts/account';
import { accountRecord, deleteAccount } from '../accounts/account.records';
import { ERASE_MODES, type CommentAuthor, type EraseMode } from '../comments/comment';
import { commentEditsOfAuthor, commentsOfAuthor, eraseAuthorComments, forgetAddressesBefore, hasGuestComments, likesOfReader } from '../comments/comment.author';
import { getPrivacySettings } from './privacy.settings';
import { forgetModerationAddressesBefore } from '../moderation/retention';
import { assertPrivacy } from './privacy.policy';

type Owner = CommentAuthor;

/** What erasure does with the comments: gone (text and name), or kept without a name (comments/comment.ts). */
export { ERASE_MODES, type EraseMode };

/** How long a link sent to a guest works. */
export const GUEST_LINK_TTL_MS = 24 * 3600 * 1000;

/** 400: a guest's link is malformed, forged or expired. */
export class PrivacyLinkError extends AppError {
  constructor() {
    super('privacy_link_invalid', 400, 'this link is invalid or has expired; ask for a new one');
  }
}

/** A comment's former text, before its author edited it (kept for moderators). */
export interface FormerText {
  body: string;
  status: string;
  reasons: unknown;
  /** When it was replaced by the next text. */
  editedAt: string;
}

/** The download: everything Palabre keeps about a person, as JSON (format in docs/operations.md, "Readers' own data"). */
export interface PersonalData {
  format: 'palabre-personal-data';
  version: 1;
  exportedAt: string;
  account: { id: number; email: string; name: string; role: string; createdAt: string } | null;
  email: string;
  comments: {
    id: number;
    articleId: number;
    articleTitle: string;
    articleUrl: string;
    parentId: number | null;
    name: string;
    body: string;
    status: string;
    reasons: unknown;
    likes: number;
    createdAt: string;
    updatedAt: string;
    editedAt: string | null;
    edits: FormerText[];
  }[];
  /** The comments the account liked (a guest's likes are tied to no email: none). */
  likes: { commentId: number; articleId: number; articleTitle: string; articleUrl: string; likedAt: string }[];
}

function articleUrl(deps: Deps, r: { section_slug: string | null; article_slug: string }): string {
  return `${deps.config.baseUrl}/${r.section_slug ?? 'a'}/${r.article_slug}`;
}

async function formerTexts(deps: Deps, owner: Owner): Promise<Map<number, FormerText[]>> {
  const byComment = new Map<number, FormerText[]>();
  for (const e of await commentEditsOfAuthor(deps, owner)) {
    const list = byComment.get(e.comment_id) ?? [];
    list.push({ body: e.body, status: e.status, reasons: e.reasons, editedAt: e.edited_at });
    byComment.set(e.comment_id, list);
  }
  return byComment;
}

async function collect(deps: Deps, owner: Owner, email: string, account: PersonalData['account']): Promise<PersonalData> {
  const [rows, edits, likes] = await Promise.all([
    commentsOfAuthor(deps, owner),
    formerTexts(deps, owner),
    'userId' in owner ? likesOfReader(deps, `user:${owner.userId}`) : [],
  ]);
  return {
    format: 'palabre-personal-data',
    version: 1,
    exportedAt: deps.clock.now().toISOString(),
    account,
    email,
    comments: rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      articleTitle: r.article_title,
      articleUrl: articleUrl(deps, r),
      parentId: r.parent_id,
      name: r.author_name,
      body: r.body,
      status: r.status,
      reasons: r.reasons,
      likes: r.likes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      editedAt: r.edited_at,
      edits: edits.get(r.id) ?? [],
    })),
    likes: likes.map((l) => ({ commentId: l.comment_id, articleId: l.article_id, articleTitle: l.article_title, articleUrl: articleUrl(deps, l), likedAt: l.created_at })),
  };
}

/** A signed-in person's account and every comment they wrote. */
export async function readerData(deps: Deps, user: AuthUser): Promise<PersonalData> {
  const a = await accountRecord(deps, user.id);
  return collect(deps, { userId: user.id }, user.email, a ? { id: a.id, email: a.email, name: a.name, role: a.role, createdAt: a.created_at } : null);
}

/** A guest's comments, found by the email they gave. */
export async function guestData(deps: Deps, email: string): Promise<PersonalData> {
  return collect(deps, { email }, email, null);
}

async function erase(deps: Deps, owner: Owner, mode: EraseMode, userId?: number): Promise<number> {
  return eraseAuthorComments(deps, owner, mode, {
    anonymousName: t(deps.config.locale, 'privacy.anonymous'),
    ...(userId !== undefined ? { liker: `user:${userId}`, alongside: (db) => deleteAccount({ db }, userId) } : {}),
  });
}

/**
 * A reader erases their account: their comments removed or anonymized, then the
 * account itself (sessions and tokens go with it). Newsroom accounts are closed
 * by an administrator instead, since bylines and the audit log depend on them.
 */
export async function eraseReader(deps: Deps, user: AuthUser, mode: EraseMode): Promise<number> {
  assertPrivacy(user, 'privacy:erase-own');
  return erase(deps, { userId: user.id }, mode, user.id);
}

/** A guest erases the comments written with their email. */
export async function eraseGuest(deps: Deps, email: string, mode: EraseMode): Promise<number> {
  return erase(deps, { email }, mode);
}

function sign(deps: Deps, payload: string): string {
  return createHmac('sha256', deps.secret).update(`privacy:${payload}`).digest('base64url');
}

/** A link token for a guest: the email and an expiry, signed with the site's secret. */
export function guestToken(deps: Deps, email: string): string {
  const payload = Buffer.from(JSON.stringify({ e: email, x: deps.clock.now().getTime() + GUEST_LINK_TTL_MS })).toString('base64url');
  return `${payload}.${sign(deps, payload)}`;
}

/** The email a guest token was made for, or PrivacyLinkError. */
export function verifyGuestToken(deps: Deps, token: string): string {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || !safeEqual(mac, sign(deps, payload))) throw new PrivacyLinkError();
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; x?: unknown };
    if (typeof v.e === 'string' && typeof v.x === 'number' && v.x > deps.clock.now().getTime()) return v.e;
  } catch {
    /* fall through */
  }
  throw new PrivacyLinkError();
}

/**
 * A guest asks for their data: when comments were written with that email, a
 * link is sent to it. The answer is the same either way, so the form does not
 * tell a stranger whether someone commented.
 */
export async function requestGuestLink(deps: Deps, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  if (!(await hasGuestComments(deps, email))) return;
  const link = `${deps.config.baseUrl}/privacy/guest/${guestToken(deps, email)}`;
  const l = deps.config.locale;
  await deps.mailer.send({ to: email, subject: t(l, 'privacy.mail.subject'), text: t(l, 'privacy.mail.text', { link }) });
}

/** Drops client-address HMACs older than the retention setting (run at start-up and every few hours). */
export async function purgeExpiredAddresses(deps: Deps): Promise<number> {
  const { ipRetentionDays } = await getPrivacySettings(deps);
  const cutoff = new Date(deps.clock.now().getTime() - ipRetentionDays * 86_400_000).toISOString();
  const comments = await forgetAddressesBefore(deps, cutoff);
  return comments + (await forgetModerationAddressesBefore(deps, cutoff));
}

/** How often client-address HMACs past the retention period are dropped. */
const PURGE_EVERY_MS = 6 * 3600 * 1000;

/**
 * Drops expired address HMACs now (awaited: the server is ready once done), then every
 * few hours (each instance; the update is idempotent). Returns what stops the timer.
 */
export async function startAddressRetention(deps: Deps): Promise<() => void> {
  const purge = () =>
    purgeExpiredAddresses(deps).then(
      (n) => {
        if (n > 0) deps.log.info({ purged: n }, 'client address HMACs past retention dropped');
      },
      (err: unknown) => deps.log.warn({ err }, 'address retention purge failed'),
    );
  await purge();
  const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
