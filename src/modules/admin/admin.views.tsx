import type { VNode } from 'preact';
import type { Locale } from '../../config';
import { formatDate, type Translate } from '../../web/i18n/i18n';
import { ROLES, type Role } from '../accounts/account';
import type { TokenView } from '../accounts/token.service';
import type { Section } from '../articles/article.read-model';
import { Csrf } from './csrf.views';
import { TagsAdmin } from './tags.views';

export { Csrf };

export function SectionsPage({ t, csrf, sections, tags }: { t: Translate; csrf: string; sections: (Section & { count: number })[]; tags: { slug: string; name: string; count: number }[] }): VNode {
  return (
    <>
      {sections.length === 0 ? (
        <p class="empty">{t('sections.none')}</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('sections.name')}</th>
              <th scope="col">{t('sections.slug')}</th>
              <th scope="col">{t('sections.articles')}</th>
            </tr>
          </thead>
          <tbody>
            {sections.map((s) => (
              <tr>
                <td>
                  <form method="post" action={`/admin/sections/${s.slug}`} class="row-form">
                    <Csrf csrf={csrf} />
                    <label for={`section-${s.id}`} class="visually-hidden">
                      {t('sections.name')}
                    </label>
                    <input id={`section-${s.id}`} name="name" value={s.name} required maxLength={120} />
                    <button type="submit" class="button-secondary">
                      {t('sections.rename')}
                    </button>
                  </form>
                </td>
                <td>
                  <a href={`/${s.slug}`}>/{s.slug}</a>
                </td>
                <td>
                  <a href={`/admin/articles?section=${s.slug}`}>{s.count}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-section">{t('sections.new')}</h2>
      <form method="post" action="/admin/sections" class="inline-form" aria-labelledby="new-section">
        <Csrf csrf={csrf} />
        <p class="field field-inline">
          <label for="section-name">{t('sections.name')}</label>
          <input id="section-name" name="name" required maxLength={120} />
        </p>
        <p class="field field-inline">
          <label for="section-slug">{t('sections.slug')}</label>
          <input id="section-slug" name="slug" maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
        </p>
        <button type="submit">{t('sections.create')}</button>
      </form>
      <h2>{t('sections.tags')}</h2>
      <TagsAdmin t={t} csrf={csrf} tags={tags} />
    </>
  );
}

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  invited: boolean;
}

function RoleSelect({ t, id, name, value, roles }: { t: Translate; id: string; name: string; value?: Role; roles: readonly Role[] }): VNode {
  return (
    <select id={id} name={name}>
      {roles.map((r) => (
        <option value={r} selected={value === r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
}

export function UsersPage({ t, csrf, users, isAdmin, inviteRoles, selfId }: { t: Translate; csrf: string; users: UserRow[]; isAdmin: boolean; inviteRoles: readonly Role[]; selfId: number }): VNode {
  return (
    <>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.state')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                {isAdmin && u.id !== selfId ? (
                  <form method="post" action={`/admin/users/${u.id}`} class="row-form">
                    <Csrf csrf={csrf} />
                    <label for={`role-${u.id}`} class="visually-hidden">
                      {t('users.role')}
                    </label>
                    <RoleSelect t={t} id={`role-${u.id}`} name="role" value={u.role} roles={ROLES} />{' '}
                    <input type="checkbox" id={`disabled-${u.id}`} name="disabled" value="1" checked={u.disabled} />{' '}
                    <label for={`disabled-${u.id}`}>{t('users.suspend')}</label>{' '}
                    <button type="submit">{t('users.save')}</button>
                  </form>
                ) : (
                  t(`role.${u.role}`)
                )}
              </td>
              <td>{u.disabled ? t('users.disabled') : u.invited ? t('users.invited') : t('users.active')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="invite">{t('users.invite')}</h2>
      <form method="post" action="/admin/users/invite" class="inline-form" aria-labelledby="invite">
        <Csrf csrf={csrf} />
        <p class="field field-inline">
          <label for="invite-name">{t('users.name')}</label>
          <input id="invite-name" name="name" required maxLength={200} />
        </p>
        <p class="field field-inline">
          <label for="invite-email">{t('users.email')}</label>
          <input id="invite-email" name="email" type="email" required />
        </p>
        <p class="field field-inline">
          <label for="invite-role">{t('users.role')}</label>
          <RoleSelect t={t} id="invite-role" name="role" value="author" roles={inviteRoles} />
        </p>
        <button type="submit">{t('users.invite_submit')}</button>
      </form>
    </>
  );
}

export function AccountPage({ t, locale, csrf, tokens, created }: { t: Translate; locale: Locale; csrf: string; tokens: TokenView[]; created?: string | undefined }): VNode {
  return (
    <>
      <form method="post" action="/admin/account/locale" class="inline-form">
        <Csrf csrf={csrf} />
        <p class="field field-inline">
          <label for="locale">{t('account.language')}</label>
          <select id="locale" name="locale">
            <option value="fr" selected={locale === 'fr'} lang="fr">
              Français
            </option>
            <option value="en" selected={locale === 'en'} lang="en">
              English
            </option>
          </select>
        </p>
        <button type="submit">{t('account.language_save')}</button>
      </form>
      <h2>{t('account.tokens')}</h2>
      <p class="hint">{t('account.tokens_hint')}</p>
      {created ? (
        <div class="notice notice-ok" role="status">
          <p>{t('account.token_created')}</p>
          <p>
            <code class="token">{created}</code>
          </p>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p class="empty">{t('account.token_none')}</p>
      ) : (
        <ul class="token-list">
          {tokens.map((k) => (
            <li>
              <strong>{k.label}</strong> — {t('account.created')} <time dateTime={k.createdAt}>{formatDate(locale, k.createdAt)}</time>{' '}
              {k.revokedAt ? (
                <em>{t('account.token_revoked')}</em>
              ) : (
                <form method="post" action={`/admin/account/tokens/${k.id}/revoke`} class="row-form">
                  <Csrf csrf={csrf} />
                  <button type="submit" class="button-secondary">
                    {t('account.token_revoke')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/account/tokens" class="inline-form">
        <Csrf csrf={csrf} />
        <p class="field field-inline">
          <label for="token-label">{t('account.token_label')}</label>
          <input id="token-label" name="label" required maxLength={100} />
        </p>
        <button type="submit">{t('account.token_create')}</button>
      </form>
    </>
  );
}
