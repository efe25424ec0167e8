import type { Confidence, VerdictFailure } from './report.js';
import { message, type SettingNames } from './messages.js';
import { round } from './numbers.js';
import type { Method } from './types.js';

/** Stage 7 of scoring: how sure the score is, and whether it passes the thresholds asked for. */

/**
 * ICD 203 confidence words. Each level needs every criterion: coverage (share of weight with
 * evidence still worth something), mean grade of the evidence, and band stability (the share of
 * sensitivity draws that land in the point score's band; null when no draws were made, and then
 * it limits nothing). `limitedBy` names the criteria that kept the level from the next one up.
 */
export function confidenceFor(coverage: number, meanGrade: number, bandStability: number | null, method: Pick<Method, 'confidence'>): Confidence {
  const { high, moderate } = method.confidence;
  const short = (t: { coverage: number; grade: number; bandStability: number }): Confidence['limitedBy'] => [
    ...(coverage < t.coverage ? (['coverage'] as const) : []),
    ...(meanGrade < t.grade ? (['grade'] as const) : []),
    ...(bandStability !== null && bandStability < t.bandStability ? (['band-stability'] as const) : []),
  ];
  const stability = bandStability === null ? null : round(bandStability, 4);
  const belowHigh = short(high);
  if (belowHigh.length === 0) return { level: 'high', limitedBy: [], bandStability: stability };
  if (short(moderate).length === 0) return { level: 'moderate', limitedBy: belowHigh, bandStability: stability };
  return { level: 'low', limitedBy: short(moderate), bandStability: stability };
}

/**
 * The thresholds a caller asked for, failed, as data with a message worded by the catalogue
 * (messages.ts): `settingNames` names the thresholds in it (the CLI passes its flags), else neutral words.
 */
export function verdictFailures(
  score: number,
  coverage: number,
  thresholds: { failBelow?: number; minCoverage?: number; settingNames?: Partial<SettingNames> },
): VerdictFailure[] {
  const failures: VerdictFailure[] = [];
  const names = thresholds.settingNames ?? {};
  // A score that is not a finite number fails every threshold: it can never pass a check by accident.
  if (thresholds.failBelow !== undefined && !(score >= thresholds.failBelow)) {
    const args = { threshold: thresholds.failBelow, actual: score };
    // Keys in the report's order: code, message, threshold, actual.
    failures.push({ code: 'score-below', message: message('score-below', args, names), ...args });
  }
  if (thresholds.minCoverage !== undefined && !(coverage >= thresholds.minCoverage)) {
    const args = { threshold: thresholds.minCoverage, actual: coverage };
    failures.push({ code: 'coverage-below', message: message('coverage-below', args, names), ...args });
  }
  return failures;
}
