const fr = {
  'home.title': 'À la une',
  'home.latest': 'Derniers articles',
  'home.empty': 'Aucun article publié pour le moment.',
  'article.by': 'Par',
  'article.and': 'et',
  'article.published': 'Publié le',
  'article.updated': 'Mis à jour le',
  'article.correction': 'Correction',
  'article.section': 'Rubrique',
  'article.tags': 'Mots-clés',
  'section.title': 'Rubrique : {name}',
  'section.empty': 'Aucun article dans cette rubrique pour le moment.',
  'tag.title': 'Mot-clé : {name}',
  'author.title': 'Articles de {name}',
  'list.read_more': 'Lire l’article',
} as const;

const en: Record<keyof typeof fr, string> = {
  'home.title': 'Top stories',
  'home.latest': 'Latest articles',
  'home.empty': 'No article has been published yet.',
  'article.by': 'By',
  'article.and': 'and',
  'article.published': 'Published',
  'article.updated': 'Updated',
  'article.correction': 'Correction',
  'article.section': 'Section',
  'article.tags': 'Tags',
  'section.title': 'Section: {name}',
  'section.empty': 'No article in this section yet.',
  'tag.title': 'Tag: {name}',
  'author.title': 'Articles by {name}',
  'list.read_more': 'Read the article',
};

export const articleMessages = { fr, en };
