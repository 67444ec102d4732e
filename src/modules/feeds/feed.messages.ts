/** The words of an article's comment feeds (the site's language). */
const fr = {
  'feeds.comments.title': 'Commentaires sur « {title} »',
  'feeds.comments.picks_title': 'Sélection de la rédaction : « {title} »',
  'feeds.comments.description': 'Les derniers commentaires publiés sous « {title} ».',
  'feeds.comments.picks_description': 'Les commentaires que la rédaction a choisis sous « {title} ».',
  'feeds.comments.item': '{name} sur « {title} »',
} as const;

const en: Record<keyof typeof fr, string> = {
  'feeds.comments.title': 'Comments on “{title}”',
  'feeds.comments.picks_title': 'Editors’ picks: “{title}”',
  'feeds.comments.description': 'The latest published comments on “{title}”.',
  'feeds.comments.picks_description': 'The comments the newsroom picked on “{title}”.',
  'feeds.comments.item': '{name} on “{title}”',
};

export const feedMessages = { fr, en };
