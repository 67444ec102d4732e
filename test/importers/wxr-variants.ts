import { importedCommentToMarkdown } from '../../src/modules/importers/html-to-markdown';
import { renderCommentMarkdown } from '../../src/web/markdown';

/**
 * Small WXR 1.0 and 1.1 documents, as WordPress 2.x–3.0 (1.0) and 3.1–3.x (1.1)
 * wrote them: the same elements under other namespace URIs; 1.0 has no
 * wp:author list and writes several values without CDATA.
 */
export function wxrDocument(version: '1.0' | '1.1'): string {
  const p = `v${version.replace('.', '')}`;
  const base = 100 + Number(version.replace('.', '')) * 10;
  const authors =
    version === '1.1'
      ? `<wp:author><wp:author_id>3</wp:author_id><wp:author_login>redac${p}</wp:author_login><wp:author_email>redac-${p}@old.example</wp:author_email><wp:author_display_name><![CDATA[Rédaction ${version}]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>`
      : '';
  const comment = (id: number, approved: string, content: string, type = '') =>
    `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur ${id}]]></wp:comment_author><wp:comment_author_email>l${id}@old.example</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>203.0.113.${id % 250}</wp:comment_author_IP><wp:comment_date>2010-05-04 10:00:00</wp:comment_date><wp:comment_date_gmt>2010-05-04 08:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${content}]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
  const item = (id: number, slug: string, status: string, gmt: string, type: string, content: string, comments = '') =>
    `<item><title>Titre ${slug}</title><link>http://old.example/${p}/${slug}/</link><pubDate>Tue, 04 May 2010 08:00:00 +0000</pubDate><dc:creator>redac${p}</dc:creator><guid isPermaLink="false">http://old.example/?p=${id}</guid><description></description><content:encoded><![CDATA[${content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date>${gmt}</wp:post_date><wp:post_date_gmt>${gmt}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status><wp:ping_status>open</wp:ping_status><wp:post_name>${p}-${slug}</wp:post_name><wp:status>${status}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${type}</wp:post_type><wp:post_password></wp:post_password><category><![CDATA[Archives]]></category><category domain="category" nicename="archives"><![CDATA[Archives]]></category>${comments}</item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- generator="WordPress/${version === '1.0' ? '2.9.2' : '3.1'}" created="2011-02-01 10:00"-->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/${version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/${version}/">
<channel>
<title>Ancien site</title><link>http://old.example/${p}</link><description></description><pubDate>Tue, 01 Feb 2011 10:00:00 +0000</pubDate><generator>http://wordpress.org/?v=3.1</generator><language>fr</language>
<wp:wxr_version>${version}</wp:wxr_version><wp:base_site_url>http://old.example/${p}</wp:base_site_url><wp:base_blog_url>http://old.example/${p}</wp:base_blog_url>
${authors}
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>archives</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Archives]]></wp:cat_name></wp:category>
${item(base + 1, 'classic', 'publish', '2010-05-04 08:00:00', 'post', 'Premier paragraphe,\nsur deux lignes.\n\nSecond paragraphe.', comment(base * 10 + 1, '1', 'Bravo <script>alert(1)</script>!') + comment(base * 10 + 2, 'spam', 'Achetez maintenant') + comment(base * 10 + 3, '0', 'En attente') + comment(base * 10 + 4, '1', 'Lien retour', 'pingback'))}
${item(base + 2, 'private', 'private', '2010-05-05 08:00:00', 'post', 'Note interne.')}
${item(base + 3, 'future', 'future', '2031-01-01 08:00:00', 'post', 'Plus tard.')}
${item(base + 4, 'menu', 'publish', '2010-05-05 08:00:00', 'nav_menu_item', '')}
</channel>
</rss>
`;
}

/** What wxrWithComments writes: how many posts and comments, from which site, which texts. */
export interface CommentsFile {
  posts: number;
  perPost: number;
  /** The site's address (the import's source); https://old.example by default. */
  site?: string;
  /** A comment's content from its WordPress id; `Commentaire ${id}` by default. */
  content?: (id: number) => string;
  /** Cuts the file after this many posts with malformed XML. */
  brokenAfter?: number;
  /** A post's content (HTML) from its number; `<p>Texte ${p}, dossier${p}.</p>` by default. */
  postContent?: (p: number) => string;
}

/** A WXR 1.2 file of posts with their comments (every third a reply to an earlier one), as the bench writes them. */
export function wxrWithComments({ posts, perPost, site = 'https://old.example', content = (id) => `Commentaire ${id}`, brokenAfter, postContent = (p) => `<p>Texte ${p}, dossier${p}.</p>` }: CommentsFile): string {
  const items: string[] = [];
  let id = 0;
  for (let p = 1; p <= posts; p++) {
    if (brokenAfter !== undefined && p > brokenAfter) {
      items.push('<item><title>Cassé</title><wp:post_id>9999</wp:post_id><oops attr=unquoted></item>');
      break;
    }
    const first = id + 1;
    let comments = '';
    for (let c = 0; c < perPost; c++) {
      id += 1;
      const parent = c > 0 && c % 3 === 0 ? first + Math.floor(c / 2) : 0;
      comments += `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur ${id}]]></wp:comment_author><wp:comment_author_email>l${id}@old.example</wp:comment_author_email><wp:comment_author_IP>198.51.100.${id % 250}</wp:comment_author_IP><wp:comment_date>2022-03-08 10:00:00</wp:comment_date><wp:comment_date_gmt>2022-03-08 09:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${content(id)}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
    }
    items.push(
      `<item><title>Article ${p}</title><link>${site}/article-${p}/</link><dc:creator>redac</dc:creator><guid isPermaLink="false">${site}/?p=${p}</guid><content:encoded><![CDATA[${postContent(p)}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date>2022-03-08 10:00:00</wp:post_date><wp:post_date_gmt>2022-03-08 09:00:00</wp:post_date_gmt><wp:post_name>article-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${comments}</item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Ancien site</title><link>${site}</link><language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site}</wp:base_site_url><wp:base_blog_url>${site}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>redac</wp:author_login><wp:author_email>redac@old.example</wp:author_email><wp:author_display_name><![CDATA[Rédaction]]></wp:author_display_name></wp:author>
${items.join('\n')}
</channel></rss>
`;
}

/** Comments as WordPress stores them: text, HTML, entities, Markdown's marks, links good and bad, repeats. */
export const COMMENT_SOURCES = [
  'Merci !',
  'Merci !',
  'Deux lignes\nsur deux lignes\r\n\r\n\r\n\r\nEt un autre paragraphe.',
  '<p>Un paragraphe <strong>gras</strong> et <em>penché</em>.</p><p>Un second, avec <a href="https://exemple.org/a?b=1&amp;c=2">un lien</a>.</p>',
  'Bravo <script>alert(1)</script>! <b>gras ?</b> &amp; &lt; "guillemets" &#8217;',
  '> une citation\n> sur deux lignes\n\nma réponse *appuyée* et **forte**, `du code`',
  '[piège](javascript:alert(1)) https://nu.exemple.org/page <a href="javascript:alert(1)">x</a>',
  '<blockquote>Citation HTML</blockquote>\nRéponse<br>sur deux lignes',
  '<ul><li>un</li><li>deux</li></ul><img src="https://img.example/a.png" alt="image">',
  '*emphase non fermée\n\n> citation non fermée',
  '<!-- wp:paragraph --><p>bloc</p><!-- /wp:paragraph -->',
  'émoji 🎉 et accents àéîõü, cyrillique привет',
  '\uFFFD déjà là & seul',
];

/** Posts as WordPress stores them: classic editor's line breaks, blocks, captions, figures, scripts, entities, long text. */
export const POST_SOURCES = [
  'Premier paragraphe,\nsur deux lignes.\n\n\n\nSecond paragraphe, fin.',
  'Tom & Jerry, 3 < 4\n\nFin.',
  '<!-- wp:paragraph -->\n<p>Un bloc <strong>gras</strong>, <a href="https://exemple.org/?a=1&amp;b=2">un lien</a>.</p>\n<!-- /wp:paragraph -->',
  '[caption id="attachment_7" align="alignnone" width="300"]<img src="https://old.example/img (1).jpg" alt="Vue" /> La place, le soir[/caption]\n\nSuite du texte.',
  '<figure><img src="https://old.example/b.png" alt="[b]"><figcaption>Légende "citée"</figcaption></figure><p>Après.</p>',
  '<h2>Titre</h2><ul><li>un</li><li>deux</li></ul><script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe>',
  '<p>émoji 🎉, cyrillique привет, &#8217;apostrophe&#8217; et *astérisques* _soulignés_</p>',
  '',
  `<p>${'Le conseil municipal a voté le budget. '.repeat(400)}</p>`,
];

/** What the import stored before the worker: the body converted, then rendered, on the import's own thread. */
export function renderedOnImportThread(text: string): { body: string; html: string } {
  const body = importedCommentToMarkdown(text);
  return { body, html: renderCommentMarkdown(body) };
}

/** A comment render worker that fails (failing-render-worker.mjs). */
export const FAILING_RENDER_WORKER = new URL('./failing-render-worker.mjs', import.meta.url);
