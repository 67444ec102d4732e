import type { VNode } from 'preact';

/** The hidden CSRF field of every admin form; alone in its file so the admin views import it one way. */
export function Csrf({ csrf }: { csrf: string }): VNode {
  return <input type="hidden" name="_csrf" value={csrf} />;
}
