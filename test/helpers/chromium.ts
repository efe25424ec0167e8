import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: `COOPSCORE_CHROMIUM`, else the first of the usual system
 * paths (Debian's `chromium` package installs /usr/bin/chromium). The tests never download a
 * browser; without one they are skipped, except under CI, where they must run.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.COOPSCORE_CHROMIUM;
  if (named) return existsSync(named) ? named : undefined;
  return CANDIDATES.find((file) => existsSync(file));
}

/** Launch flags for a headless Chromium that reaches nothing by itself. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--no-first-run'];
