import { accountMessages } from '../../modules/accounts/account.messages';
import { adminMessages } from '../../modules/admin/admin.messages';
import { mediaMessages } from '../../modules/media/media.messages';
import { articleMessages } from '../../modules/articles/article.messages';
import { commentMessages } from '../../modules/comments/comment.messages';
import { moderationMessages } from '../../modules/moderation/moderation.messages';
import { autoRuleMessages } from '../../modules/moderation/auto-rules.messages';
import { statsMessages } from '../../modules/moderation/stats.messages';
import { searchMessages } from '../../modules/search/search.messages';
import { privacyMessages } from '../../modules/privacy/privacy.messages';
import { notificationMessages } from '../../modules/notifications/notification.messages';
import { embedMessages } from '../../modules/embed/embed.messages';
import { feedMessages } from '../../modules/feeds/feed.messages';
import { pickMessages } from '../../modules/comments/comment.picks.messages';
import { webMessages } from '../web.messages';

const fr = {
  ...webMessages.fr,
  ...articleMessages.fr,
  ...commentMessages.fr,
  ...moderationMessages.fr,
  ...autoRuleMessages.fr,
  ...statsMessages.fr,
  ...searchMessages.fr,
  ...accountMessages.fr,
  ...adminMessages.fr,
  ...mediaMessages.fr,
  ...privacyMessages.fr,
  ...notificationMessages.fr,
  ...embedMessages.fr,
  ...feedMessages.fr,
  ...pickMessages.fr,
};

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  ...webMessages.en,
  ...articleMessages.en,
  ...commentMessages.en,
  ...moderationMessages.en,
  ...autoRuleMessages.en,
  ...statsMessages.en,
  ...searchMessages.en,
  ...accountMessages.en,
  ...adminMessages.en,
  ...mediaMessages.en,
  ...privacyMessages.en,
  ...notificationMessages.en,
  ...embedMessages.en,
  ...feedMessages.en,
  ...pickMessages.en,
};

/** Every string of the interface, per language. French is the reference. */
export const catalogue: Record<'fr' | 'en', Record<MessageKey, string>> = { fr, en };
