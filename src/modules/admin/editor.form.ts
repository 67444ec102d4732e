import { ValidationError } from '../../web/errors';
import { effectiveStatus, type Article } from '../articles/article';

/** How many byline slots the editor offers (an article may have up to this many authors). */
export const BYLINE_SLOTS = 5;

export type PublicationMode = 'draft' | 'publish' | 'schedule';

/** The editor form's values, as typed (strings), so a refused form comes back as it was. */
export interface EditorValues {
  title: string;
  slug: string;
  summary: string;
  body: string;
  dateline: string;
  section: string;
  tags: string;
  authors: number[];
  image: string;
  correction: string;
  commentsOpen: boolean;
  /** Slow mode's minutes as typed (empty = 0). */
  slowModeMinutes: string;
  mode: PublicationMode;
  /** A datetime-local value, in UTC: YYYY-MM-DDTHH:mm[:ss]. */
  publishAt: string;
}

export function emptyValues(userId: number): EditorValues {
  return { title: '', slug: '', summary: '', body: '', dateline: '', section: '', tags: '', authors: [userId], image: '', correction: '', commentsOpen: true, slowModeMinutes: '0', mode: 'draft', publishAt: '' };
}

export function valuesFromArticle(a: Article, now: Date): EditorValues {
  const status = effectiveStatus(a, now);
  return {
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    body: a.body,
    dateline: a.dateline,
    section: a.section?.slug ?? '',
    tags: a.tags.map((t) => t.name).join(', '),
    authors: a.authors.map((x) => x.id),
    image: a.image !== null ? String(a.image) : '',
    correction: a.correction ?? '',
    commentsOpen: a.commentsOpen,
    slowModeMinutes: String(a.slowModeMinutes),
    mode: status === 'draft' ? 'draft' : status === 'scheduled' ? 'schedule' : 'publish',
    publishAt: a.publishAt ? a.publishAt.slice(0, 19) : '',
  };
}

function str(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

/** Reads the posted form. Unknown or malformed parts become empty values; the service judges the rest. */
export function valuesFromForm(body: unknown): EditorValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const authors: number[] = [];
  for (let i = 0; i < BYLINE_SLOTS; i++) {
    const id = Number(str(b, `author_${i}`));
    if (Number.isInteger(id) && id > 0 && !authors.includes(id)) authors.push(id);
  }
  const mode = str(b, 'mode');
  return {
    title: str(b, 'title'),
    slug: str(b, 'slug').trim(),
    summary: str(b, 'summary'),
    body: str(b, 'body').replace(/\r\n/g, '\n'),
    dateline: str(b, 'dateline'),
    section: str(b, 'section'),
    tags: str(b, 'tags'),
    authors,
    image: str(b, 'image'),
    correction: str(b, 'correction').replace(/\r\n/g, '\n'),
    commentsOpen: str(b, 'commentsOpen') === '1',
    slowModeMinutes: str(b, 'slowModeMinutes').trim(),
    mode: mode === 'publish' || mode === 'schedule' ? mode : 'draft',
    publishAt: str(b, 'publishAt'),
  };
}

/** A datetime-local value read as UTC, to ISO; a clear error naming the field otherwise. */
export function publishAtIso(value: string): string {
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (!value || Number.isNaN(d.getTime())) throw new ValidationError('publishAt', 'a date and time are needed to schedule');
  return d.toISOString();
}

function common(v: EditorValues) {
  const image = Number(v.image);
  return {
    title: v.title,
    summary: v.summary,
    body: v.body,
    dateline: v.dateline,
    section: v.section || null,
    tags: v.tags.split(',').map((s) => s.trim()).filter(Boolean),
    // No byline chosen: the service's default (the writer) rather than an article nobody signs.
    ...(v.authors.length > 0 ? { authors: v.authors } : {}),
    commentsOpen: v.commentsOpen,
    // Not a whole number: passed as typed, so that the schema names the field.
    slowModeMinutes: v.slowModeMinutes === '' ? 0 : /^\d+$/.test(v.slowModeMinutes) ? Number(v.slowModeMinutes) : v.slowModeMinutes,
    image: v.image && Number.isInteger(image) && image > 0 ? image : null,
    correction: v.correction.trim() ? v.correction : null,
  };
}

/** The API input for a new article (checked by articleCreateSchema next). */
export function toCreate(v: EditorValues, now: Date): Record<string, unknown> {
  const c = common(v);
  return {
    ...c,
    ...(v.slug ? { slug: v.slug } : {}),
    status: v.mode === 'draft' ? 'draft' : v.mode === 'schedule' ? 'scheduled' : 'published',
    ...(v.mode === 'schedule' ? { publishAt: publishAtIso(v.publishAt) } : v.mode === 'publish' ? { publishAt: now.toISOString() } : {}),
  };
}

/** The API change for an existing article (checked by articlePatchSchema next): the whole form, publication only when it changes. */
export function toPatch(v: EditorValues, current: Article, now: Date): Record<string, unknown> {
  const c = common(v);
  const status = effectiveStatus(current, now);
  const publication =
    v.mode === 'draft'
      ? status === 'draft' ? {} : { status: 'draft' }
      : v.mode === 'schedule'
        ? { status: 'scheduled', publishAt: publishAtIso(v.publishAt) }
        : status === 'published' ? {} : { status: 'published', publishAt: now.toISOString() };
  return { ...c, ...(v.slug && v.slug !== current.slug ? { slug: v.slug } : {}), ...publication };
}
