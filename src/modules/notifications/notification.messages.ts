const fr = {
  'notifications.opt_in': 'Me prévenir par e-mail des réponses',
  'notifications.email_needed': 'indiquez votre adresse e-mail pour être prévenu des réponses',
  'notifications.mail.subject': 'Nouvelle réponse à votre commentaire sur « {title} »',
  'notifications.mail.text':
    'Bonjour {name},\n\n{replier} a répondu à votre commentaire sous l’article « {title} » :\n\n{excerpt}\n\nLire la réponse : {link}\n\n--\nVous recevez ce message parce que vous avez demandé à être prévenu des réponses à ce commentaire.\nPour ne plus en recevoir, en un clic : {unsubscribe}',
  'notifications.unsubscribed.title': 'Désabonnement confirmé',
  'notifications.unsubscribed.text': 'Vous ne recevrez plus d’e-mail pour les réponses à ce commentaire.',
  'notifications.unsubscribed.article': 'Retour à l’article « {title} »',
  'notifications.confirm.title': 'Ne plus recevoir les réponses ?',
  'notifications.confirm.text': 'Vous ne recevrez plus d’e-mail pour les réponses à ce commentaire.',
  'notifications.confirm.button': 'Me désabonner',
  'notifications.link_invalid.title': 'Lien de désabonnement non valide',
  'notifications.link_invalid.text': 'Ce lien est incomplet ou a été modifié. Copiez-le en entier depuis l’e-mail reçu.',
} as const;

const en: Record<keyof typeof fr, string> = {
  'notifications.opt_in': 'Email me when someone replies',
  'notifications.email_needed': 'enter your email address to be told of replies',
  'notifications.mail.subject': 'New reply to your comment on “{title}”',
  'notifications.mail.text':
    'Hello {name},\n\n{replier} replied to your comment on the article “{title}”:\n\n{excerpt}\n\nRead the reply: {link}\n\n--\nYou receive this email because you asked to be told of replies to this comment.\nTo stop these emails, in one click: {unsubscribe}',
  'notifications.unsubscribed.title': 'Unsubscribed',
  'notifications.unsubscribed.text': 'You will no longer receive emails about replies to this comment.',
  'notifications.unsubscribed.article': 'Back to the article “{title}”',
  'notifications.confirm.title': 'Stop receiving replies?',
  'notifications.confirm.text': 'You will no longer receive emails about replies to this comment.',
  'notifications.confirm.button': 'Unsubscribe',
  'notifications.link_invalid.title': 'Invalid unsubscribe link',
  'notifications.link_invalid.text': 'This link is incomplete or was altered. Copy it whole from the email you received.',
};

/** Reply notifications: the form's opt-in, the email, the unsubscribe pages. */
export const notificationMessages = { fr, en };
