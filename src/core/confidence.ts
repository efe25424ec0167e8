import { pieceCount, pieceWeighed } from './pieces.js';
import type { MatchedCore } from './matching.js';
import { sidesOf, type Scored } from './indicator-score.js';
import type { Confidence } from './report.js';
import { bandFor } from './composite.js';
import { confidenceFor } from './verdict.js';
import { round } from './numbers.js';
import { mulberry32 } from './random.js';
import { lightModel } from './reweigh.js';
import { designFor, resolveRanges, scoreMatched } from './sensitivity.js';
import type { IndicatorSet } from './types.js';

/**
 * Confidence in ICD 203 words (high, moderate, low). A level needs all three of its thresholds in
 * the set's `method.confidence`: coverage, mean grade, and band stability — the share of a light
 * sensitivity analysis's draws (the set's ranges, `draws` of them, seed CONFIDENCE_SEED) whose
 * composite lands in the reported band. `limitedBy` names each criterion that kept the level down.
 */

/** The light analysis always uses this seed, so a report's confidence is the same on every run. */
export const CONFIDENCE_SEED = 1;

/**
 * Work budget of the light analysis, in re-weighed pieces of evidence (reweigh.ts; a piece an
 * indicator must re-score in full counts EXACT_COST): 200 draws over 5,000 pieces. Above it the
 * draws shrink to fit; below MIN_DRAWS the analysis is skipped (band stability null), since a
 * share of a few dozen draws is too coarse to hold a level up.
 */
export const DRAW_BUDGET = 1_000_000;
export const MIN_DRAWS = 50;

/** How many draws the light analysis runs for a draw of `work`: the set's number, fewer for a large input, 0 to skip. */
export function lightDraws(work: number, configured: number): number {
  if (configured <= 0 || work * configured <= DRAW_BUDGET) return Math.max(0, configured);
  const fitted = Math.floor(DRAW_BUDGET / work);
  return fitted >= MIN_DRAWS ? fitted : 0;
}

/**
 * The level from the three criteria (verdict.ts's thresholds). Band stability `null` (the analysis
 * did not run: the set asks for 0 draws, or the input is too large for it) cannot hold a level up:
 * the level stops at moderate and `band-stability` is named among the limits.
 */
export function confidenceLevel(coverage: number, meanGrade: number, bandStability: number | null, set: IndicatorSet): Confidence {
  const base = confidenceFor(coverage, meanGrade, bandStability, set.method);
  if (bandStability !== null || base.level === 'low') return base;
  return { level: 'moderate', limitedBy: [...base.limitedBy, 'band-stability'], bandStability: null };
}

/**
 * The share of the light analysis's draws (the set's ranges, seed CONFIDENCE_SEED) whose
 * composite lands in `band`, each draw re-weighing the point's evidence (reweigh.ts), or null
 * when the input is too large for the budget or the set asks for no draws.
 */
export function bandStabilityOf(matching: MatchedCore, set: IndicatorSet, band: string, pointScored?: readonly Scored[]): number | null {
  if (set.method.confidence.draws <= 0) return null;
  // Every piece of evidence that carries a value is re-weighed at least once per draw (reweigh.ts):
  // when even that exceeds the budget, skip building the model (a large input pays nothing for it).
  if (pointScored) {
    let pieces = 0;
    for (const s of pointScored) for (const side of sidesOf(s)) for (let k = 0; k < pieceCount(side); k++) if (pieceWeighed(side, k) !== 0) pieces++;
    if (lightDraws(pieces, set.method.confidence.draws) === 0) return null;
  }
  const design = designFor(set, resolveRanges(set.method));
  const model = lightModel(matching, set, design, pointScored ?? scoreMatched(matching, set));
  const draws = lightDraws(model.work, set.method.confidence.draws);
  if (draws === 0) return null;
  const random = mulberry32(CONFIDENCE_SEED);
  const row = new Float64Array(design.dims);
  // The reported band as a score range [low, high): bandFor's rule, without sorting per draw.
  const cuts = set.method.bands.map((b) => b.min).sort((a, b) => a - b);
  const low = set.method.bands.find((b) => b.id === band)?.min ?? 0;
  const high = cuts.find((c) => c > low) ?? Infinity;
  const lowest = bandFor(-Infinity, set.method) === band;
  let inBand = 0;
  for (let d = 0; d < draws; d++) {
    for (let c = 0; c < row.length; c++) row[c] = random();
    const score = round(model.composite(row), 2);
    if ((score >= low || lowest) && score < high) inBand++;
  }
  return round(inBand / draws, 4);
}

/**
 * Confidence for a report: runs the light analysis on the events already matched (no re-reading,
 * no re-matching; each draw scores the indicators again under its drawn method) and combines it
 * with coverage and mean grade.
 */
export function assessConfidence(
  coverage: number,
  meanGrade: number,
  matching: MatchedCore,
  set: IndicatorSet,
  band: string,
  pointScored?: readonly Scored[],
  /** A share the caller measured itself (ScoreOptions.bandStability): used as given, no draws run. */
  given?: number | null,
): Confidence {
  const stability = given !== undefined ? given : bandStabilityOf(matching, set, band, pointScored);
  return confidenceLevel(coverage, meanGrade, stability, set);
}
