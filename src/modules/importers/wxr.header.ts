import { ImportFormatError } from './importer.errors';
import type { XNode } from './xml-stream';

const SUPPORTED_VERSIONS = ['1.0', '1.1', '1.2'];
// Elements only a WordPress export has: a file without <wp:wxr_version> that has them is read as WXR 1.0.
const WORDPRESS_ELEMENTS = ['post_id', 'author_login', 'category_nicename', 'post_type', 'comment_id'];

/**
 * A WXR file's version and source (`wxr:` and where the site was), from the channel's
 * elements read before the first content (`node`); refuses other RSS.
 */
export function readHeader(channel: Readonly<Record<string, string>>, node: XNode | undefined, warn: (message: string) => void): { version: string; source: string } {
  let version = channel.wxr_version;
  if (!version) {
    const wordpress = channel.base_site_url || channel.base_blog_url || node?.children.some((c) => WORDPRESS_ELEMENTS.includes(c.name)) || (node && WORDPRESS_ELEMENTS.includes(node.name));
    if (!wordpress) throw new ImportFormatError('not a WordPress export: no <wp:wxr_version> and no WordPress element (wp:post_id…) before the content');
    version = '1.0';
    warn('no <wp:wxr_version> in the file (an older WordPress export): read as WXR 1.0');
  }
  if (!SUPPORTED_VERSIONS.includes(version)) warn(`WXR version ${version} is not one of ${SUPPORTED_VERSIONS.join(', ')}; read as 1.2`);
  const site = channel.base_blog_url || channel.link || channel.base_site_url || 'unknown';
  return { version, source: `wxr:${site.replace(/\/+$/, '')}` };
}
