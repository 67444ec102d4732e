import { describe, expect, it } from 'vitest';
import { harmFeatures, harmSignals } from './harm-lexicon';

describe('harm lexicon', () => {
  it('finds categories case- and accent-insensitively, with plural and feminine forms and phrases', () => {
    const s = harmSignals('Espèce de CONNASSE, les Féministes sont toutes les mêmes');
    expect(s.get('insult')).toContain('connasse');
    expect(s.get('identity')).toContain('feministes');
    expect(s.get('generalizing')).toContain('toutes les memes');
  });

  it('sees through digits and symbols standing for letters', () => {
    expect(harmSignals('quelle s@lope').get('insult')).toContain('salope');
    expect(harmSignals('un vrai c4ncer').get('threat')).toContain('cancer');
    // At a word's start too, after a space or a number ("$alope", "3 $alopes").
    expect(harmSignals('espèce de $alope').get('insult')).toContain('salope');
    expect(harmSignals('ces 3 $alopes').get('insult')).toContain('salopes');
    // Numbers stay numbers.
    expect(harmSignals('2024 : 300 kg ramassés').size).toBe(0);
    // Disguised or not, the same words are found (a text without digits or symbols skips the undoing).
    expect(harmSignals('quelle salope, un vrai cancer')).toEqual(harmSignals('quelle s@lope, un vrai c4ncer'));
  });

  it('leaves news vocabulary alone: a group, a killing or waste are not harm without a target', () => {
    expect(harmFeatures('Deux jeunes tués dans une fusillade à Marseille')).toEqual([]);
    expect(harmFeatures('Les réfugiés ukrainiens se sont bien intégrés')).toEqual([]);
    expect(harmFeatures('300 kg de déchets ramassés sur la plage')).toEqual([]);
  });

  it('combines: a group and a generalisation, dehumanising words aimed at a group, an insult aimed at someone, a call to violence', () => {
    expect(harmFeatures('Les migrants sont tous des voleurs')).toContain('h:identity+generalizing');
    expect(harmFeatures('Ces musulmans sont des animaux')).toContain('h:dehumanizing+target');
    expect(harmFeatures("T'es qu'un abruti")).toContain('h:you+insult');
    expect(harmFeatures('Il faudrait les fusiller')).toContain('h:threat+target');
    expect(harmFeatures('You are a stupid moron')).toContain('h:you+insult');
  });

  it('finds a phrase or a stem wherever its words are, and only there', () => {
    // A one-word stem starting a longer word; a stem of two words; a phrase at the very end.
    expect(harmSignals('Bande d’enculés').get('sexual')).toContain('encul…');
    expect(harmSignals('Quel sale type').get('insult')).toContain('sale …');
    expect(harmSignals('Vous êtes toutes les mêmes').get('generalizing')).toContain('toutes les memes');
    // The phrase's first word without the rest, the stem's letters inside a word: nothing.
    expect(harmSignals('toutes les autres').get('generalizing') ?? []).not.toContain('toutes les memes');
    expect(harmSignals('des amandes salées').get('insult') ?? []).not.toContain('sale …');
    expect(harmSignals('Ma rencontre').get('sexual') ?? []).not.toContain('encul…');
  });
});
