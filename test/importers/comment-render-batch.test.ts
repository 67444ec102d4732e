import { describe, expect, it } from 'vitest';
import { renderCommentMarkdown, renderCommentsMarkdown } from '../../src/web/markdown';

/** Comments that exercise every rule of the comment renderer and the sanitizer behind it. */
const CORPUS = [
  'Merci !',
  'Merci !',
  '',
  'Deux lignes\nsur deux lignes\r\n\r\nEt un autre paragraphe.',
  '> une citation\n> sur deux lignes\n\nma réponse *appuyée* et **forte**, `du code`',
  '[un lien](https://exemple.org/a?b=1&c=2 "titre") et https://nu.exemple.org/page',
  '[piège](javascript:alert(1)) [ftp](ftp://exemple.org/f) [relatif](/chemin) [mail](mailto:a@b.example)',
  '<script>alert(1)</script><b>gras ?</b> <a href="https://x.example">html brut</a> &amp; &lt; < > "guillemets"',
  'un NUL \u0000 au milieu, et \uFFFD déjà là',
  '*emphase non fermée\n\n> citation non fermée',
  '<p>paragraphe HTML</p>\n<!-- commentaire -->',
  'émoji 🎉 et accents àéîõü, cyrillique привет',
];

describe('renderCommentsMarkdown (bulk imports)', () => {
  it('gives each comment exactly what renderCommentMarkdown gives it', () => {
    expect(renderCommentsMarkdown(CORPUS)).toEqual(CORPUS.map(renderCommentMarkdown));
  });

  it('keeps the order and the count, repeated texts included, and an empty list empty', () => {
    const list = [...CORPUS].reverse().concat(CORPUS);
    expect(renderCommentsMarkdown(list)).toEqual(list.map(renderCommentMarkdown));
    expect(renderCommentsMarkdown([])).toEqual([]);
  });
});
