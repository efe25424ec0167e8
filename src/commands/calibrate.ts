import path from 'node:path';
import type { CliIO, CommonOptions } from './context.js';
import { checkAnchors, fitBands, fitSaturation } from '../core/calibrate.js';
import type { CalibrationReport } from '../format/calibration.js';
import { CALIBRATION_FORMATS, render } from '../format/index.js';
import { loadAnchors } from '../io/anchors.js';
import { packageVersion } from '../io/package-version.js';
import { configure } from './configured.js';
import { UsageError } from './context.js';
import { formatOptionsFor, inputFiles, loadScorable, reportProblems, usableSet, writeOutput } from './shared.js';

export interface CalibrateCommandOptions extends CommonOptions {
  anchors?: string;
  fit?: 'saturation' | 'bands';
  format: 'table' | 'json' | 'markdown';
  output?: string;
  maxFileSize?: number;
}

/**
 * `coopscore calibrate`: score the events as of each anchor's date and check the judgement; with
 * `--fit`, the values of saturation or of the band cut points under which every anchor holds.
 * Exit 1 when an anchor fails under the set as it is, 2 when the inputs cannot be used.
 */
export async function calibrate(given: string[], flags: CalibrateCommandOptions, io: CliIO): Promise<number> {
  // The config may name the anchors file (and the set, weights and format); its event paths are not
  // used: an anchors file names the events its judgements are about.
  const configured = await configure('calibrate', given, flags, io);
  if (!configured) return 2;
  const { options } = configured;
  const paths = given;
  if (options.anchors === undefined) {
    throw new UsageError('no anchors file: name one with --anchors FILE, or write `anchors:` in a coopscore.config.yaml');
  }
  const loadedSet = await usableSet(options, io);
  if (!loadedSet) return 2;
  const loadedAnchors = await loadAnchors(options.anchors, io.cwd, loadedSet.set);
  if (!loadedAnchors.anchors) {
    await reportProblems(loadedAnchors.problems, loadedAnchors.sources, options, io);
    io.stderr('coopscore: nothing calibrated: fix the anchors file above\n');
    return 2;
  }
  const eventPaths = paths.length ? paths : loadedAnchors.eventPaths!;
  // No calibration format prints the inputs' digests, and warnings are not shown: none is kept.
  const input = await loadScorable(eventPaths, { ...options, digest: false, keepWarnings: 0 }, io, false);
  if (input.exit !== undefined) return input.exit;
  const { set, loaded } = input;
  const { anchors } = loadedAnchors.anchors;

  const checks = checkAnchors(loaded.events, set, anchors);
  const report: CalibrationReport = {
    calibrationVersion: 1,
    tool: { name: 'coopscore', version: packageVersion() },
    indicatorSet: { id: set.id, title: set.title, sha256: input.loadedSet.sha256 },
    anchorsFile: loadedAnchors.anchors.file,
    events: eventPaths,
    saturation: set.method.saturation,
    bands: [...set.method.bands].sort((a, b) => a.min - b.min),
    anchors: checks,
    passed: checks.every((c) => c.passed),
  };
  if (options.fit === 'saturation') report.fit = fitSaturation(loaded.events, set, anchors);
  if (options.fit === 'bands') report.fit = fitBands(checks, set);

  const text = await render(CALIBRATION_FORMATS, options.format, report, await formatOptionsFor(options, io));
  await writeOutput(text, options.output, io, inputFiles(options, io, [...input.loaded.files, path.resolve(io.cwd, options.anchors)]));
  if (!report.passed) io.stderr(`coopscore: ${checks.filter((c) => !c.passed).length} of ${checks.length} anchors fail\n`);
  return report.passed ? 0 : 1;
}
