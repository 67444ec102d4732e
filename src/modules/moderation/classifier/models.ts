import { findProfanity } from '../profanity';
import { readModelFile } from '../model-files';
import { featurize, type FeatureVector } from './features';
import { rememberRecent } from './recent';
import { harmFeatures, harmSignals } from './harm-lexicon';
import { sealWeights, type LogisticModel } from './logistic';

/**
 * The names of the shipped models. `toxicity-lexicon` reads only the harm
 * lexicon's and crude-word features (both languages): it judges comments in
 * languages the toxicity model's words were not learned from. Lessons are kept
 * for `spam` and `toxicity`; the lexicon model reads the toxicity lessons.
 */
export type ModelName = 'spam' | 'toxicity' | 'toxicity-lexicon';

/** A shipped model: logistic weights plus the calibration measured by cross-validation on the training part. */
export interface ShippedModel extends LogisticModel {
  name: ModelName;
  /** Probability at or above which a comment is held at the default false-hold budget. */
  hold: number;
  /** Probability at or above which a comment is filed as spam directly (spam model only). */
  file?: number;
  /**
   * Out-of-fold scores of the training part's legitimate comments as a tail table
   * (classifier/calibration.ts): what turns a false-hold budget into thresholds.
   */
  tail: number[];
  /** Share of the budget this model may spend (the spam model holds a third of it: spam is well separated). */
  budgetShare: number;
  /** Training comments each common feature appears in (features seen fewer than 5 times are not listed), and their count. */
  docFreq: Map<string, number>;
  docCount: number;
}

/** The serialised form (model/NAME.json.gz). */
export interface ModelJson {
  name: ModelName;
  bias: number;
  hold: number;
  file?: number;
  tail: number[];
  budgetShare: number;
  /** Absent from model files trained before lessons were weighted by specificity. */
  docFreq?: Record<string, number>;
  docCount?: number;
  weights: Record<string, number>;
  /** How it was trained and what cross-validation measured, for docs/moderation.md. */
  notes: Record<string, unknown>;
}

const cache = new Map<ModelName, ShippedModel>();

/** The shipped model of that name, loaded once per process. */
export function shippedModel(name: ModelName): ShippedModel {
  let m = cache.get(name);
  if (!m) {
    const json = JSON.parse(readModelFile(`${name}.json.gz`)) as ModelJson;
    m = {
      name,
      bias: json.bias,
      hold: json.hold,
      ...(json.file !== undefined ? { file: json.file } : {}),
      tail: json.tail,
      budgetShare: json.budgetShare,
      docFreq: new Map(Object.entries(json.docFreq ?? {})),
      docCount: json.docCount ?? 0,
      weights: new Map(Object.entries(json.weights)),
    };
    // Shipped weights never change: `logit` may keep them per word.
    sealWeights(m);
    cache.set(name, m);
  }
  return m;
}

/**
 * The features both models read, worked out once per text for the spam and toxicity phases
 * (shared: read-only; commentFeatures gives a copy).
 */
export const sharedCommentFeatures: (text: string) => ReadonlyMap<string, number> = rememberRecent(256, (text) =>
  featurize(text, findProfanity(text).length > 0 ? ['m:profane'] : []),
);

/** The features both models read: the text's own, plus a marker when a listed crude word appears. */
export function commentFeatures(text: string): FeatureVector {
  return new Map(sharedCommentFeatures(text));
}

/**
 * Value of a harm-lexicon feature. Unlike the text's own features it is not
 * divided by the text's length: an insult weighs as much in a long comment.
 */
export const HARM_FEATURE_VALUE = 2;

/** What the toxicity models read of a text, each word list computed once. */
export interface ToxicityReading {
  /** The `toxicity` model's features: the comment's own plus the harm lexicon's signals (a copy, made when read). */
  readonly features: FeatureVector;
  /**
   * The same features in two parts, `own` then `harm`, without copying the text's features (the
   * same for the spam model, shared: read-only); undefined when a harm feature is among the
   * text's own (never so far: their names differ), as a copy would not keep that order.
   */
  parts: { own: ReadonlyMap<string, number>; harm: FeatureVector } | undefined;
  /**
   * The `toxicity-lexicon` model's features: the harm lexicon's, but for sexual words
   * that are not aimed at anyone ("a song about rape" is a topic, and a swear word
   * alone is no harm either).
   */
  lexicon: FeatureVector;
  /**
   * Whether a listed word backs each model: a lexicon signal that counts on its own,
   * or (for the French model, which learned when swearing goes with abuse) a crude word.
   */
  backed: { toxicity: boolean; lexicon: boolean };
  /** The crude and lexicon words found, for moderators to see. */
  words: string[];
}

/** Reads a text for the toxicity models: profanity, harm signals and features, once. */
export function readToxicity(text: string): ToxicityReading {
  const profane = findProfanity(text);
  const signals = harmSignals(text);
  const harm = harmFeatures(text, signals);
  // The spam model's features (the same text, the same marker), with the lexicon's added in order.
  const own = sharedCommentFeatures(text);
  const added: FeatureVector = new Map();
  const lexicon: FeatureVector = new Map();
  for (const f of harm) {
    added.set(f, HARM_FEATURE_VALUE);
    if (f !== 'h:sexual') lexicon.set(f, HARM_FEATURE_VALUE);
  }
  const words = new Set(profane);
  for (const list of signals.values()) for (const w of list) words.add(w);
  let features: FeatureVector | undefined;
  return {
    get features() {
      if (!features) {
        features = new Map(own);
        for (const f of harm) features.set(f, HARM_FEATURE_VALUE);
      }
      return features;
    },
    parts: harm.some((f) => own.has(f)) ? undefined : { own, harm: added },
    lexicon,
    backed: { toxicity: harm.length > 0 || profane.length > 0, lexicon: lexicon.size > 0 },
    words: [...words],
  };
}

/** The toxicity model's features (see ToxicityReading). */
export function toxicityFeatures(text: string): FeatureVector {
  return readToxicity(text).features;
}

/** The lexicon-only model's features (see ToxicityReading). */
export function lexiconFeatures(text: string): FeatureVector {
  return readToxicity(text).lexicon;
}

/** The features a model reads. */
export function featuresFor(model: ModelName, text: string): FeatureVector {
  if (model === 'spam') return commentFeatures(text);
  return model === 'toxicity' ? toxicityFeatures(text) : lexiconFeatures(text);
}

/** Whether a listed word backs a toxicity model (see ToxicityReading). */
export function isBacked(text: string, model: ModelName = 'toxicity'): boolean {
  const { backed } = readToxicity(text);
  return model === 'toxicity' ? backed.toxicity : backed.lexicon;
}
