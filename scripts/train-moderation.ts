// Rebuilds the moderation models shipped in src/modules/moderation/model:
//   words-fr.txt.gz, words-en.txt.gz  every form of dictionary-fr / dictionary-en (via nspell), folded
//   spam.json.gz, toxicity.json.gz    logistic regressions over words and character 3–4-grams
// Only the training 70% of ../shared/datasets is read; the held-out 30% (by a hash
// of the text, scripts/moderation/datasets.ts) never is. Thresholds come from a
// 5-fold cross-validation inside the training part.
// Usage: npm run train:moderation
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { commentFeatures, type ModelJson, type ModelName } from '../src/modules/moderation/classifier/models';
import { logit, sigmoid, trainLogistic, type TrainOptions } from '../src/modules/moderation/classifier/logistic';
import { modelDir } from '../src/modules/moderation/model-files';
import { loadDatasets } from './moderation/datasets';
import { expandDictionary } from './moderation/wordlists';

const root = process.cwd();
const out = modelDir();
const OPTIONS: TrainOptions = { epochs: 10, learningRate: 0.2, l2: 1e-3 };

interface Example {
  text: string;
  y: 0 | 1;
}

function write(name: string, text: string): void {
  const gz = gzipSync(text, { level: 9 });
  writeFileSync(join(out, name), gz);
  console.log(`${name}: ${(gz.length / 1024).toFixed(0)} KiB`);
}

/** The threshold above which at most `rate` of the negatives of a cross-validation fall. */
function thresholdFor(examples: Example[], rate: number): { threshold: number; cvCaught: number; cvHeld: number } {
  const folds = 5;
  const scored: { p: number; y: 0 | 1 }[] = [];
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => i % folds !== k).map((e) => ({ x: commentFeatures(e.text), y: e.y }));
    const model = trainLogistic(train, OPTIONS);
    for (const [i, e] of examples.entries()) if (i % folds === k) scored.push({ p: sigmoid(logit(model, commentFeatures(e.text))), y: e.y });
  }
  const neg = scored.filter((s) => s.y === 0).map((s) => s.p).sort((a, b) => b - a);
  const threshold = neg[Math.floor(rate * neg.length)] ?? 0.5;
  const pos = scored.filter((s) => s.y === 1);
  return {
    threshold: Number(threshold.toFixed(4)),
    cvCaught: pos.filter((s) => s.p > threshold).length / pos.length,
    cvHeld: neg.filter((p) => p > threshold).length / neg.length,
  };
}

function trainModel(name: ModelName, examples: Example[], holdRate: number, fileRate?: number): void {
  const hold = thresholdFor(examples, holdRate);
  const file = fileRate !== undefined ? thresholdFor(examples, fileRate) : undefined;
  const model = trainLogistic(examples.map((e) => ({ x: commentFeatures(e.text), y: e.y })), OPTIONS);
  const weights: Record<string, number> = {};
  for (const [f, w] of [...model.weights].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(w) >= 0.005) weights[f] = Number(w.toFixed(3));
  const json: ModelJson = {
    name,
    bias: Number(model.bias.toFixed(4)),
    hold: hold.threshold,
    ...(file ? { file: file.threshold } : {}),
    weights,
    notes: { examples: examples.length, positives: examples.filter((e) => e.y === 1).length, options: OPTIONS, crossValidation: { hold, ...(file ? { file } : {}) } },
  };
  console.log(name, JSON.stringify(json.notes));
  write(`${name}.json.gz`, JSON.stringify(json));
}

const [youtube, toxi] = loadDatasets(root);
if (!youtube || !toxi) throw new Error('datasets missing');

for (const [pkg, file] of [['dictionary-fr', 'words-fr.txt.gz'], ['dictionary-en', 'words-en.txt.gz']] as const) {
  write(file, (await expandDictionary(pkg)).join('\n'));
}

// Spam: YouTube spam against YouTube ham and every French forum comment (none is spam),
// so French comments are not judged by an English-only notion of normal.
trainModel(
  'spam',
  [...youtube.train.map((c): Example => ({ text: c.text, y: c.label === 'spam' ? 1 : 0 })), ...toxi.train.map((c): Example => ({ text: c.text, y: 0 }))],
  0.01,
  0.002,
);
// Toxicity: ToxiFrench's toxic against its acceptable comments and English YouTube ham.
trainModel(
  'toxicity',
  [...toxi.train.map((c): Example => ({ text: c.text, y: c.label === 'toxic' ? 1 : 0 })), ...youtube.train.filter((c) => c.label === 'ham').map((c): Example => ({ text: c.text, y: 0 }))],
  0.03,
);
