const fr = {
  'embed.title': 'Discussion : {title}',
  'embed.read_article': 'Lire l’article « {title} »',
  'embed.new_tab': '(nouvel onglet)',
  'embed.not_found.title': 'Discussion introuvable',
  'embed.not_found.text': 'Aucun article publié ne correspond à l’adresse {url}.',
  'embed.invalid.title': 'Adresse invalide',
  'embed.invalid.text': 'Le paramètre url doit être l’adresse complète (http:// ou https://) d’un article, de 2 048 caractères au plus.',
} as const;

const en: Record<keyof typeof fr, string> = {
  'embed.title': 'Discussion: {title}',
  'embed.read_article': 'Read the article “{title}”',
  'embed.new_tab': '(new tab)',
  'embed.not_found.title': 'Discussion not found',
  'embed.not_found.text': 'No published article matches the address {url}.',
  'embed.invalid.title': 'Invalid address',
  'embed.invalid.text': 'The url parameter must be the full address (http:// or https://) of an article, at most 2,048 characters.',
};

/** The embedded discussion (/embed): its frame and its error pages. */
export const embedMessages = { fr, en };
