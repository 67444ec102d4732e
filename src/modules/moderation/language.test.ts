import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

// detectLanguage must give franc's answer, always: the pipeline picks models and
// dictionaries by it. Every check below compares with franc itself.

const root = join(__dirname, '../../..');

/** Every comment of the repo's moderation fixtures (corpus, news comments, the English regression set). */
function fixtureTexts(): string[] {
  const corpus = join(root, 'scripts/moderation/corpus');
  const files = readdirSync(corpus).filter((f) => f.endsWith('.jsonl')).map((f) => join(corpus, f));
  files.push(join(root, 'scripts/moderation/news-comments.jsonl'));
  const texts = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
  const en = JSON.parse(readFileSync(join(root, 'test/fixtures/moderation-en.json'), 'utf8')) as { toxic: string[]; ok: string[] };
  return [...texts, ...en.toxic, ...en.ok, ...readFileSync(join(root, 'test/fixtures/seed-mali-russia.txt'), 'utf8').split('\n')];
}

/** Both answers for each text. */
function answers(texts: string[], minLength: number): { text: string; franc: string; ours: string }[] {
  return texts.map((text) => ({ text, franc: franc(text, { minLength }), ours: detectLanguage(text, { minLength }) }));
}

/** The texts whose answers differ from franc's, with both answers. */
function differences(texts: string[], minLength: number): { text: string; franc: string; ours: string }[] {
  return answers(texts, minLength).filter((r) => r.franc !== r.ours);
}

/** mulberry32: a small seeded generator, so the generated texts are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'le chat dort sur la chaise près de la fenêtre aujourd’hui où être déjà',
  'the quick brown fox jumps over the lazy dog while they were thinking',
  'el perro come carne y la niña bebe agua con sus amigos mañana',
  'der Hund läuft schnell über die Straße und wir müssen gehen',
  'il ragazzo mangia una mela nella cucina della nonna perché',
  'o menino não sabe onde está a escola da sua irmã então',
  'de hond loopt naar het huis van zijn vader en moeder',
  'mtoto anakula chakula na mama yake nyumbani leo asubuhi',
  'çocuk okula gidiyor ve arkadaşları ile oynuyor şimdi',
  'dziecko idzie do szkoły i bawi się z przyjaciółmi',
  'собака бежит по улице и мы должны идти домой сейчас',
  'الكلب يجري في الشارع ونحن يجب أن نذهب إلى البيت',
  'ο σκύλος τρέχει στο δρόμο και πρέπει να πάμε σπίτι',
  '狗在街上跑 我们必须回家 今天天气很好',
  'कुत्ता सड़क पर दौड़ता है और हमें घर जाना है',
  'qsdfgh zxcvb azerty poiuy mlkjh wxcvbn 1234 5678 !!! ??? 😀 🤬 👍',
]
  .join(' ')
  .split(' ');

/** Texts of random words from several languages and scripts, some longer than franc's 2048 characters. */
function generatedTexts(count: number): string[] {
  const random = prng(12);
  return Array.from({ length: count }, () => {
    const n = random() < 0.05 ? 400 + Math.floor(random() * 200) : 1 + Math.floor(random() * 40);
    return Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(random() < 0.8 ? ' ' : ', ');
  });
}

const EDGES = [
  '',
  ' ',
  '12345678901234567890123456789',
  '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  'Собака бежит по улице, и мы должны идти домой.',
  'Собака бежит по улице, і ми повинні йти додому.',
  'الكلب يجري في الشارع ونحن يجب أن نذهب إلى البيت',
  '狗在街上跑，我们必须回家。今天天气很好。',
  '犬が通りを走っています。私たちは家に帰らなければなりません。',
  'Ο σκύλος τρέχει στο δρόμο και πρέπει να πάμε σπίτι.',
  'कुत्ता सड़क पर दौड़ता है और हमें घर जाना है',
  'abcd абвг abcd абвг', // as many Latin as Cyrillic letters: franc keeps the first script (Latin)
  'абвгabcd абвгabcd абвг abcd',
  'Une phrase de vingt.', // exactly 20 characters
  'Une phrase de vingt', // 19
  'asdkjfh qwpoeiru zxmcnv lkjhg poiuyt mnbvc',
  'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk',
  'Le chat dort. '.repeat(200) + 'Собака бежит по улице. '.repeat(200), // the script past 2048 does not count
  'a'.repeat(2047) + '😀 Собака бежит по улице', // the slice cuts an emoji in two
  'Il a dit "ok" — puis 😀 — et après, rien... #fin @toi https://example.test',
];

describe('detectLanguage gives franc’s answer', () => {
  // franc itself on 17,000 comments: a few seconds, several times that on a busy machine.
  it('on every comment of the moderation fixtures', { timeout: 120_000 }, () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(15_000);
    const all = answers(texts, 20);
    expect(all.filter((r) => r.franc !== r.ours)).toEqual([]);
    // Some answers are not French or English, so more than two dictionaries' scores are compared.
    expect(new Set(all.map((r) => r.ours)).size).toBeGreaterThan(10);
  });

  it('on empty, short, mixed-script, mashed and over-long texts', () => {
    for (const minLength of [0, 10, 20]) expect(differences(EDGES, minLength)).toEqual([]);
    expect(detectLanguage('abcd абвг abcd абвг', { minLength: 10 })).not.toBe('und');
  });

  it('on a few thousand generated texts mixing languages and scripts', () => {
    const texts = generatedTexts(4000);
    expect(differences(texts, 20)).toEqual([]);
    expect(differences(texts.slice(0, 500), 1)).toEqual([]);
  });
});
