import model from './models/confidence.json' with { type: 'json' };

/**
 * The learned confidence of an extracted event: a logistic regression over the evidence the
 * rules used (how the words were attributed, how the topic was found, the stance, who speaks),
 * trained by `pnpm train` on the seeds and the tuning halves of the development sets. Every
 * feature is a property of English reporting, not of one negotiation, so it carries to another
 * profile. Null when no model is loaded.
 */
export interface ConfidenceModel {
  /** What it was trained on: the labelled sets and a hash of their gold files. */
  trainedOn: { sets: string[]; gold: string; events: number; extractor: string };
  bias: number;
  weights: Record<string, number>;
  /** Events below this confidence are not emitted (chosen in training to keep F1 highest). */
  threshold: number;
}

const loaded = model as ConfidenceModel | { weights?: undefined };

export function confidenceOf(
  features: readonly string[],
  m: ConfidenceModel | null = loaded.weights ? (loaded as ConfidenceModel) : null,
): number | null {
  if (!m) return null;
  let z = m.bias;
  for (const f of features) z += m.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The threshold below which an event is dropped, or 0 when no model is loaded. */
export const CONFIDENCE_THRESHOLD: number = loaded.weights ? (loaded as ConfidenceModel).threshold : 0;
