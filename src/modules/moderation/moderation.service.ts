import type { ModerationContext, Verdict } from './pipeline';
import { runPipeline } from './pipeline';
import { PHASES } from './phases';

/** What the pipeline decides for a new comment: status, reasons, scores, the (possibly transformed) body. */
export function evaluate(ctx: ModerationContext): Promise<Verdict> {
  return runPipeline(PHASES, ctx);
}
