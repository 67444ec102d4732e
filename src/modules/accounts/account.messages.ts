const fr = {
  'account.placeholder': '',
} as const;

const en: Record<keyof typeof fr, string> = {
  'account.placeholder': '',
};

export const accountMessages = { fr, en };
