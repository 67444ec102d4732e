import { findProfanity } from '../profanity';
import { readModelFile } from '../model-files';
import { featurize, type FeatureVector } from './features';
import type { LogisticModel } from './logistic';

/** The names of the shipped models. */
export type ModelName = 'spam' | 'toxicity';

/** A shipped model: logistic weights plus the thresholds chosen by cross-validation on the training part. */
export interface ShippedModel extends LogisticModel {
  name: ModelName;
  /** Probability at or above which a comment is held for a moderator. */
  hold: number;
  /** Probability at or above which a comment is filed as spam directly (spam model only). */
  file?: number;
}

/** The serialised form (model/NAME.json.gz). */
export interface ModelJson {
  name: ModelName;
  bias: number;
  hold: number;
  file?: number;
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
    m = { name, bias: json.bias, hold: json.hold, ...(json.file !== undefined ? { file: json.file } : {}), weights: new Map(Object.entries(json.weights)) };
    cache.set(name, m);
  }
  return m;
}

/** The features both models read: the text's own, plus a marker when a listed crude word appears. */
export function commentFeatures(text: string): FeatureVector {
  return featurize(text, findProfanity(text).length > 0 ? ['m:profane'] : []);
}
