import fc from 'fast-check';
import { franc } from 'franc-min';
import { data } from 'franc-min/data.js';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

/** Words of every language franc knows, cut out of its own trigram tables (texts close to several languages at once: ties and near ties). */
const trigramWords = Object.values(data).flatMap((models) => Object.values(models).flatMap((m) => m.split('|').map((t) => t.trim()).filter(Boolean)));

const SAMPLES = [
  'Je ne suis pas du tout d’accord avec cet article, les chiffres sont faux.',
  'This is the worst decision the council has taken in years, honestly.',
  'El gobierno debería explicar por qué los precios siguen subiendo tanto.',
  'Die Regierung muss endlich etwas gegen die steigenden Mieten unternehmen.',
  'Это очень интересная статья, спасибо автору за подробный анализ.',
  'هذا المقال مفيد جدا وشكرا للكاتب على المعلومات',
  'यह लेख बहुत अच्छा है और जानकारी से भरा हुआ है',
  '这篇文章写得很好，谢谢作者的分析。',
  'これはとても良い記事です。ありがとうございました。',
  'Ολοι οι πολίτες πρέπει να ψηφίσουν στις εκλογές',
  '12345 67890 !!! ??? ... 2026-12-02',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'qsdfghjklm azertyuiop wxcvbn qsdfghjklm',
  'lol mdr ptdr jsp tkt wesh frr ouais grave',
  `${'Un texte très long qui dépasse la limite de franc. '.repeat(60)}And then English at the end.`,
  '\uD800\uDC00\uD83D\uDE00 😀😀😀 emoji only 😀😀😀😀😀😀',
];

describe('detectLanguage (franc-min, same answers)', () => {
  it('names the language franc names for sentences in many languages and scripts', () => {
    for (const text of SAMPLES) for (const minLength of [10, 20]) expect(detectLanguage(text, minLength), text).toBe(franc(text, { minLength }));
  });

  it('names the language franc names for generated texts (franc’s own trigrams, any characters)', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...trigramWords), { minLength: 1, maxLength: 60 }).map((ws) => ws.join(' ')),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.tuple(fc.array(fc.constantFrom(...SAMPLES, ...trigramWords.slice(0, 400)), { maxLength: 8 }), fc.constantFrom(' ', '\n', ', ', '!! ', '42')).map(([ws, sep]) => ws.join(sep)),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(0, 10, 20), (t, minLength) => detectLanguage(t, minLength) === franc(t, { minLength })),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
