const fr = {
  'moderation.placeholder': '',
} as const;

const en: Record<keyof typeof fr, string> = {
  'moderation.placeholder': '',
};

export const moderationMessages = { fr, en };
