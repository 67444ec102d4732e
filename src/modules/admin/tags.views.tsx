import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';
import { Csrf } from './csrf.views';

export interface TagRow {
  slug: string;
  name: string;
  count: number;
}

/** One tag: its page, a form to rename it (name and address), one to merge it into another. */
function TagItem({ t, csrf, tag, i }: { t: Translate; csrf: string; tag: TagRow; i: number }): VNode {
  return (
    <tr>
      <td>
        <form method="post" action={`/admin/tags/${tag.slug}`} class="row-form">
          <Csrf csrf={csrf} />
          <label for={`tag-name-${i}`} class="visually-hidden">{t('tags.name')}</label>
          <input id={`tag-name-${i}`} name="name" value={tag.name} required maxLength={120} />
          <label for={`tag-slug-${i}`} class="visually-hidden">{t('tags.slug')}</label>
          <input id={`tag-slug-${i}`} name="slug" value={tag.slug} required maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
          <button type="submit" class="button-secondary">{t('tags.rename')}</button>
        </form>
      </td>
      <td>
        <a href={`/tag/${tag.slug}`}>{tag.name}</a> ({tag.count})
      </td>
      <td>
        <form method="post" action={`/admin/tags/${tag.slug}/merge`} class="row-form">
          <Csrf csrf={csrf} />
          <label for={`tag-into-${i}`} class="visually-hidden">{t('tags.merge_into')}</label>
          <input id={`tag-into-${i}`} name="into" list="tag-slugs" required maxLength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
          <button type="submit" class="button-secondary">{t('tags.merge')}</button>
        </form>
      </td>
    </tr>
  );
}

/** The tags of the sections page: rename or merge each. */
export function TagsAdmin({ t, csrf, tags }: { t: Translate; csrf: string; tags: TagRow[] }): VNode {
  if (tags.length === 0) return <p class="empty">{t('tags.none')}</p>;
  return (
    <>
      <datalist id="tag-slugs">
        {tags.map((tag) => (
          <option value={tag.slug}>{tag.name}</option>
        ))}
      </datalist>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('tags.name')}</th>
            <th scope="col">{t('tags.page')}</th>
            <th scope="col">{t('tags.merge_into')}</th>
          </tr>
        </thead>
        <tbody>
          {tags.map((tag, i) => (
            <TagItem t={t} csrf={csrf} tag={tag} i={i} />
          ))}
        </tbody>
      </table>
    </>
  );
}
