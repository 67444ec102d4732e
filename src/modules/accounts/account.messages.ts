const fr = {
  'admin.title': 'Rédaction',
  'admin.nav': 'Navigation de la rédaction',
  'admin.nav.articles': 'Articles',
  'admin.nav.media': 'Médias',
  'admin.nav.sections': 'Rubriques',
  'admin.nav.moderation': 'Modération',
  'admin.nav.users': 'Comptes',
  'admin.nav.settings': 'Réglages',
  'admin.nav.site': 'Voir le site',
  'admin.logout': 'Se déconnecter',
} as const;

const en: Record<keyof typeof fr, string> = {
  'admin.title': 'Newsroom',
  'admin.nav': 'Newsroom navigation',
  'admin.nav.articles': 'Articles',
  'admin.nav.media': 'Media',
  'admin.nav.sections': 'Sections',
  'admin.nav.moderation': 'Moderation',
  'admin.nav.users': 'Accounts',
  'admin.nav.settings': 'Settings',
  'admin.nav.site': 'View the site',
  'admin.logout': 'Sign out',
};

/** Messages of accounts and the newsroom's frame. */
export const accountMessages = { fr, en };
