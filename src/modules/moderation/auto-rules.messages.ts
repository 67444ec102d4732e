const fr = {
  'rules.mode.pre': 'pré-modération',
  'rules.mode.slow': 'mode lent ({minutes} min entre deux commentaires par lecteur)',
  'rules.why.share': '{bad} des {n} derniers commentaires retenus, signalés ou refusés ({percent} % ; seuil {threshold} %)',
  'rules.why.rate': '{count} commentaires dans la dernière minute (limite {limit})',
  'rules.mail.subject': 'Palabre : « {title} » passe en {mode}',
  'rules.mail.body':
    'L’article « {title} » est passé de lui-même en {mode} jusqu’au {until}.\n\nPourquoi : {why}.\n\nLes autres articles ne changent pas. Annuler ou relire la file : {url}\n\nVous recevez ce courriel parce que vous avez demandé les alertes des règles automatiques ({prefs}).',
  'rules.banner.title': 'Articles protégés par une règle automatique',
  'rules.banner.item': '« {title} » en {mode} jusqu’au {until} — {why}.',
  'rules.banner.undo': 'Annuler',
  'rules.log': 'Règle automatique : {mode} pour {minutes} min — {why}',
  'rules.log.undo': 'Règle automatique annulée par la modération',
  'rules.none': 'aucune',
  'rules.prefs.title': 'Mes courriels de modération',
  'rules.prefs.alerts': 'M’écrire quand un article passe de lui-même en pré-modération ou en mode lent',
  'rules.prefs.digest': 'M’envoyer au plus une fois par heure ce qui attend dans la file',
  'rules.prefs.save': 'Enregistrer',
  'rules.prefs.saved': 'Préférences enregistrées.',
} as const;

const en: Record<keyof typeof fr, string> = {
  'rules.mode.pre': 'pre-moderation',
  'rules.mode.slow': 'slow mode ({minutes} min between two comments per reader)',
  'rules.why.share': '{bad} of the last {n} comments held, reported or rejected ({percent} %; threshold {threshold} %)',
  'rules.why.rate': '{count} comments in the last minute (limit {limit})',
  'rules.mail.subject': 'Palabre: “{title}” switched to {mode}',
  'rules.mail.body':
    'The article “{title}” switched itself to {mode} until {until}.\n\nWhy: {why}.\n\nOther articles are unchanged. Undo it or review the queue: {url}\n\nYou receive this email because you asked for automatic rule alerts ({prefs}).',
  'rules.banner.title': 'Articles protected by an automatic rule',
  'rules.banner.item': '“{title}” in {mode} until {until} — {why}.',
  'rules.banner.undo': 'Undo',
  'rules.log': 'Automatic rule: {mode} for {minutes} min — {why}',
  'rules.log.undo': 'Automatic rule undone by a moderator',
  'rules.none': 'none',
  'rules.prefs.title': 'My moderation emails',
  'rules.prefs.alerts': 'Email me when an article switches itself to pre-moderation or slow mode',
  'rules.prefs.digest': 'Email me at most hourly what waits in the queue',
  'rules.prefs.save': 'Save',
  'rules.prefs.saved': 'Preferences saved.',
};

export const autoRuleMessages = { fr, en };
