import { describe, expect, it } from 'vitest';
import { ROLES, type AuthUser, type Role } from '../../src/modules/accounts/account';
import { canAccount, type AccountAction } from '../../src/modules/accounts/account.policy';
import { canAdmin, type AdminAction } from '../../src/modules/admin/admin.policy';
import { canArticle, seesOwnWorkOnly, type ArticleAction, type ArticleSubject } from '../../src/modules/articles/article.policy';
import { canComment, type CommentAction } from '../../src/modules/comments/comment.policy';
import { canMedia, type MediaAction } from '../../src/modules/media/media.policy';
import { canModerate, type ModerationPermission } from '../../src/modules/moderation/moderation.policy';
import { canPrivacy, type PrivacyAction } from '../../src/modules/privacy/privacy.policy';

/**
 * Every action of every module's policy × every role, as the rules are enforced today.
 * Each table is a Record over the policy's action union: a new action without its row does
 * not compile. The HTTP side of the same rules is permissions.test.ts.
 */
type Who = Role | 'anonymous';
const WHO: readonly Who[] = [...ROLES, 'anonymous'];
/** Allowed per role, in the order admin, editor, author, moderator, reader, anonymous. */
type Row = [boolean, boolean, boolean, boolean, boolean, boolean];

const ME = 7;
const userOf = (who: Who): AuthUser | null => (who === 'anonymous' ? null : { id: ME, email: `${who}@example.test`, name: who, role: who });
const got = (can: (user: AuthUser | null) => boolean) => WHO.map((w) => can(userOf(w)));

const Y = true;
const N = false;

function check<A extends string>(name: string, table: Record<A, Row>, can: (user: AuthUser | null, action: A) => boolean): void {
  describe(name, () => {
    it.each(Object.entries(table) as [A, Row][])('%s', (action, row) => {
      expect(Object.fromEntries(WHO.map((w, i) => [w, got((u) => can(u, action))[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row[i]])));
    });
  });
}

//                                  admin editor author moder. reader anon
check<AdminAction>('admin.policy (pages)', {
  'admin:dashboard': [Y, Y, Y, Y, N, N],
  'admin:account': [Y, Y, Y, Y, Y, N],
  'admin:api-docs': [Y, Y, Y, Y, N, N],
  'admin:articles': [Y, Y, Y, N, N, N],
  'admin:media': [Y, Y, Y, N, N, N],
  'admin:sections': [Y, Y, N, N, N, N],
  'admin:users': [Y, Y, N, N, N, N],
  'admin:settings': [Y, Y, N, N, N, N],
}, canAdmin);

check<MediaAction>('media.policy', {
  'media:upload': [Y, Y, Y, N, N, N],
  'media:list': [Y, Y, Y, N, N, N],
  'media:update': [Y, Y, Y, N, N, N],
  'media:delete': [Y, Y, N, N, N, N],
}, canMedia);

check<ModerationPermission>('moderation.policy', {
  'moderation:queue': [Y, Y, N, Y, N, N],
  'moderation:decide': [Y, Y, N, Y, N, N],
  'moderation:evaluate': [Y, Y, N, Y, N, N],
  'moderation:ban': [Y, Y, N, Y, N, N],
  'moderation:log': [Y, Y, N, Y, N, N],
  'moderation:read-edits': [Y, Y, N, Y, N, N],
  'moderation:skip': [Y, Y, Y, Y, N, N],
  'settings:read': [Y, Y, N, N, N, N],
  'settings:update': [Y, Y, N, N, N, N],
}, canModerate);

check<PrivacyAction>('privacy.policy', {
  'privacy:download-own': [Y, Y, Y, Y, Y, N],
  'privacy:erase-own': [N, N, N, N, Y, N],
  'privacy-settings:read': [Y, N, N, N, N, N],
  'privacy-settings:update': [Y, N, N, N, N, N],
}, canPrivacy);

// Without a subject: what a role may do in general (lists, creation, pages).
check<ArticleAction>('article.policy, without a subject', {
  'article:create': [Y, Y, Y, N, N, N],
  'article:read-unpublished': [Y, Y, Y, N, N, N],
  'article:read-any': [Y, Y, N, N, N, N],
  'article:update': [Y, Y, N, N, N, N],
  'article:publish': [Y, Y, N, N, N, N],
  'article:delete': [Y, Y, N, N, N, N],
  'section:create': [Y, Y, N, N, N, N],
  'section:update': [Y, Y, N, N, N, N],
  'tag:update': [Y, Y, N, N, N, N],
  'tag:merge': [Y, Y, N, N, N, N],
  'revision:read': [Y, Y, N, N, N, N],
  'revision:restore': [Y, Y, N, N, N, N],
}, (u, a) => canArticle(u, a));

describe('article.policy, about one article', () => {
  const ownDraft: ArticleSubject = { authorIds: [ME], storedStatus: 'draft' };
  const ownPublished: ArticleSubject = { authorIds: [ME], storedStatus: 'published' };
  const othersDraft: ArticleSubject = { authorIds: [ME + 1], storedStatus: 'draft' };
  const cases: [ArticleAction, ArticleSubject, Row][] = [
    ['article:update', ownDraft, [Y, Y, Y, N, N, N]],
    ['article:update', ownPublished, [Y, Y, N, N, N, N]],
    ['article:update', othersDraft, [Y, Y, N, N, N, N]],
    ['article:delete', ownDraft, [Y, Y, Y, N, N, N]],
    ['article:publish', ownDraft, [Y, Y, N, N, N, N]],
    ['revision:read', ownPublished, [Y, Y, Y, N, N, N]],
    ['revision:read', othersDraft, [Y, Y, N, N, N, N]],
    ['revision:restore', ownDraft, [Y, Y, Y, N, N, N]],
    ['revision:restore', ownPublished, [Y, Y, N, N, N, N]],
    ['article:read-unpublished', othersDraft, [Y, Y, N, N, N, N]],
  ];
  it.each(cases)('%s of %o', (action, subject, row) => {
    expect(got((u) => canArticle(u, action, subject))).toEqual(row);
  });
  it('lists show authors only their own unpublished work', () => {
    expect(got((u) => seesOwnWorkOnly(u))).toEqual([N, N, Y, N, N, N]);
  });
});

check<AccountAction>('account.policy, without a subject', {
  'user:list': [Y, Y, N, N, N, N],
  'user:invite': [Y, Y, N, N, N, N],
  'user:update': [Y, N, N, N, N, N],
  'token:manage-own': [Y, Y, Y, Y, Y, N],
  'token:revoke-any': [Y, N, N, N, N, N],
}, (u, a) => canAccount(u, a));

describe('account.policy, about a role or a token', () => {
  it.each(ROLES.map((role) => [role] as const))('inviting a %s', (role) => {
    expect(got((u) => canAccount(u, 'user:invite', { role }))).toEqual([Y, role !== 'admin', N, N, N, N]);
  });
  it('tokens: one’s own only', () => {
    expect(got((u) => canAccount(u, 'token:manage-own', { ownerId: ME }))).toEqual([Y, Y, Y, Y, Y, N]);
    expect(got((u) => canAccount(u, 'token:manage-own', { ownerId: ME + 1 }))).toEqual([N, N, N, N, N, N]);
  });
});

check<CommentAction>('comment.policy, without a subject', {
  'comment:edit': [N, N, N, N, N, N],
  'comment:read-edits': [Y, Y, N, Y, N, N],
  'comment:post-unthrottled': [Y, Y, Y, Y, N, N],
  'comment:pick': [Y, Y, Y, Y, N, N],
}, (u, a) => canComment(u, a));

describe('comment.policy, editing one comment', () => {
  it('an account’s comment: its account only, whatever the role', () => {
    expect(got((u) => canComment(u, 'comment:edit', { commentId: 5, authorUserId: ME, ownIds: [] }))).toEqual([Y, Y, Y, Y, Y, N]);
    expect(got((u) => canComment(u, 'comment:edit', { commentId: 5, authorUserId: ME + 1, ownIds: [5] }))).toEqual([N, N, N, N, N, N]);
  });
  it('a guest’s comment: the browser that posted it (its signed cookie)', () => {
    expect(got((u) => canComment(u, 'comment:edit', { commentId: 5, authorUserId: null, ownIds: [5] }))).toEqual([Y, Y, Y, Y, Y, Y]);
    expect(got((u) => canComment(u, 'comment:edit', { commentId: 5, authorUserId: null, ownIds: [6] }))).toEqual([N, N, N, N, N, N]);
  });
});
