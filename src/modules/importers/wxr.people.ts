import type { Deps } from '../../deps';
import { addImportedAccount, getAccountByEmail } from '../accounts/user.service';
import { slugify } from '../articles/slug';
import { plainText } from './html-to-markdown';
import { findMapping, insertMapping } from './import.repository';
import type { SummaryBuilder } from './import.summary';
import { metaBylines } from './wxr.article';
import type { WxrAuthor, WxrItem } from './wxr.records';

/**
 * The people of a WXR file: its authors (accounts with role `author`), a post's bylines,
 * and registered commenters who wrote no post (reader accounts). Accounts go in through
 * the accounts module, found by email or created without a password; each WordPress id
 * is recorded in the id map, so a second run finds the same account.
 */
export class WxrPeople {
  /** Author login → local account. */
  private readonly authors = new Map<string, number>();
  /** Author's WordPress user id → local account. */
  private readonly authorIds = new Map<string, number>();
  /** WordPress user id of a commenter who is not an author → local account. */
  private readonly commenters = new Map<string, number>();

  constructor(private readonly s: SummaryBuilder) {}

  /** The local account of an email, created (without a password) when there is none. */
  private async accountFor(deps: Deps, email: string, name: string, role: 'author' | 'reader', what: string): Promise<number> {
    const known = await getAccountByEmail(deps, email);
    if (known) {
      this.s.existing(role === 'author' ? 'users' : 'readers');
      return known.id;
    }
    const id = await addImportedAccount(deps, { email, name: name || email.split('@')[0] || what, role });
    this.s.created(role === 'author' ? 'users' : 'readers');
    return id;
  }

  /** An author of the file's list: their account, found through the id map or by email, or created. */
  async addAuthor(deps: Deps, a: WxrAuthor): Promise<void> {
    const source = this.s.summary.source;
    const mapped = await findMapping(deps.db, source, 'author', a.id);
    let userId = mapped?.local_id ?? undefined;
    if (userId !== undefined) this.s.existing('users');
    else {
      const email = a.email.includes('@') ? a.email : `${slugify(a.login)}@users.invalid`;
      if (email !== a.email) this.s.warn(`author ${a.login} has no email; given ${email}`);
      userId = await this.accountFor(deps, email, plainText(a.displayName) || a.login, 'author', a.login);
      await insertMapping(deps.db, { source, kind: 'author', external_id: a.id, local_id: userId, created_at: deps.clock.now().toISOString() });
    }
    this.authors.set(a.login, userId);
    this.authorIds.set(a.id, userId);
  }

  /** Bylines: every one a Palabre export recorded, else the post's author. */
  async bylines(deps: Deps, item: WxrItem): Promise<number[]> {
    const ids: number[] = [];
    for (const b of metaBylines(item)) {
      const id = this.authors.get(b.login) ?? (b.email.includes('@') ? await this.accountFor(deps, b.email.toLowerCase(), plainText(b.name), 'author', b.login) : undefined);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    if (ids.length > 0) return ids;
    const authorId = this.authors.get(item.creator);
    if (authorId === undefined && item.creator) this.s.warn(`post ${item.id}: author ${item.creator} is not in the file's author list`);
    return authorId !== undefined ? [authorId] : [];
  }

  /** A registered commenter who wrote no post: their reader account, found or created by email. */
  async commenter(deps: Deps, wpUserId: string | null, email: string, name: string): Promise<number | null> {
    if (!wpUserId) return null;
    const author = this.authorIds.get(wpUserId);
    if (author !== undefined) return author;
    const known = this.commenters.get(wpUserId);
    if (known !== undefined) return known;
    if (!email.includes('@')) return null;
    const source = this.s.summary.source;
    const mapped = await findMapping(deps.db, source, 'commenter', wpUserId);
    const id = mapped?.local_id ?? (await this.accountFor(deps, email, plainText(name), 'reader', `user ${wpUserId}`));
    if (!mapped) await insertMapping(deps.db, { source, kind: 'commenter', external_id: wpUserId, local_id: id, created_at: deps.clock.now().toISOString() });
    this.commenters.set(wpUserId, id);
    return id;
  }
}
