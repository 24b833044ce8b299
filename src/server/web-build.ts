import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// The desk and the portal are a Vite build in dist/web. `npm start` must do everything on a fresh
// clone, so the server builds it when it is missing or older than its sources (about two seconds
// on this machine's two cores); `npm run build:web` builds it by hand.

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');
const WEB_SOURCES = path.resolve(import.meta.dirname, '../web');
const VITE_CONFIG = path.resolve(import.meta.dirname, '../../vite.config.ts');

export function webBuildExists(): boolean {
  return existsSync(path.join(WEB_ROOT, 'index.html'));
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestChange(p) : s.mtimeMs);
  }
  return newest;
}

/** True when there is no build, or a source file changed after it was made. */
export function webBuildIsStale(): boolean {
  if (!webBuildExists()) return true;
  // Without the sources (an installed copy that ships only dist/), the build is all there is.
  if (!existsSync(WEB_SOURCES)) return false;
  // The build's configuration counts as a source: a change there (e.g. the compressed copies it
  // writes) must reach a build made before it.
  const config = existsSync(VITE_CONFIG) ? statSync(VITE_CONFIG).mtimeMs : 0;
  return Math.max(newestChange(WEB_SOURCES), config) > statSync(path.join(WEB_ROOT, 'index.html')).mtimeMs;
}

// Two processes starting at once (two servers, or test workers) must not build into the same
// directory together: the first takes a lock directory (mkdir is atomic), the others wait for it
// and then find the build fresh. A lock older than two minutes is a crashed builder's: taken over.
const LOCK = path.resolve(import.meta.dirname, '../../dist/.web-build.lock');
const STALE_LOCK_MS = 120_000;

function tryLock(): boolean {
  try {
    mkdirSync(path.dirname(LOCK), { recursive: true });
    mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // gone meanwhile: the next attempt takes it
    }
    return false;
  }
}

export async function ensureWebBuild(log: { info: (msg: string) => void }): Promise<void> {
  while (webBuildIsStale()) {
    if (!tryLock()) {
      await sleep(250);
      continue;
    }
    try {
      if (!webBuildIsStale()) return;
      log.info('dist/web is missing or older than src/web: building the web app (npm run build:web)');
      const { build } = await import('vite');
      // Always the production build. Vite and the React plugin build React's development version
      // when NODE_ENV is set to anything but "production" (vitest sets "test"): about twice the
      // rendering time, and `npm start` would then serve that build as fresh.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({
          configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'),
          logLevel: 'warn',
        });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
