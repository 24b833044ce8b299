import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';

// Shared by every benchmark: the figures file (bench/results/latest.json), the sections of
// docs/performance.md, and a description of the machine. Several benchmarks write to the same
// files, so both are merged, never overwritten: figures by `name`, doc sections by their markers.

const ROOT = join(import.meta.dirname, '..');
export const RESULTS_FILE = join(ROOT, 'bench', 'results', 'latest.json');
export const PERFORMANCE_DOC = join(ROOT, 'docs', 'performance.md');

/**
 * One measured figure. `ratio` is `value / peer_value` (for a rate, how many times ours is the
 * peer's; for a latency, below 1 is better for us); `better` says which direction is good.
 */
export type Figure = {
  name: string;
  value: number;
  unit: string;
  peer?: string;
  peer_value?: number;
  ratio?: number;
  better?: 'higher' | 'lower';
  target?: string;
  met?: boolean;
  note?: string;
  measured_at?: string;
};

/** Reads the figures file: a JSON array of figures (an object with `figures` is accepted too). */
export function readFigures(file = RESULTS_FILE): Figure[] {
  if (!existsSync(file)) return [];
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const list = Array.isArray(data) ? data : (data as { figures?: unknown }).figures;
  return Array.isArray(list) ? (list as Figure[]) : [];
}

/** Replaces the figures with these names, keeps every other figure, writes sorted by name. */
export function mergeFigures(figures: readonly Figure[], file = RESULTS_FILE): void {
  const byName = new Map(readFigures(file).map((f) => [f.name, f] as const));
  for (const f of figures) byName.set(f.name, f);
  const merged = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
}

const DOC_HEADER = `# Performance

Measured by \`npm run bench\` (see \`bench/README.md\`). Each section below is written by one
benchmark between its \`<!-- name:start -->\` and \`<!-- name:end -->\` markers and refreshed on every
full run; the figures are also in \`bench/results/latest.json\`. Text outside the markers is kept.
`;

/** Writes (or replaces) the section between `<!-- id:start -->` and `<!-- id:end -->`. */
export function writeDocSection(id: string, markdown: string, file = PERFORMANCE_DOC): void {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : DOC_HEADER;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + end.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
  formatMarkdown(file);
}

/**
 * Aligns the tables the benchmarks just wrote the way the linter wants them (Biome formats
 * Markdown here), so a full run never leaves `npm run lint` failing on its own output.
 */
function formatMarkdown(file: string): void {
  const biome = join(ROOT, 'node_modules', '.bin', 'biome');
  const run = spawnSync(biome, ['format', '--write', file], { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`could not format ${file} with Biome: ${run.stderr || run.error?.message}\n`);
  }
}

/** The CPUs this process may run on (Linux: from /proc; elsewhere: all). */
export function allowedCpus(): string {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /^Cpus_allowed_list:\s*(.+)$/m.exec(status);
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux
  }
  return `0-${os.availableParallelism() - 1}`;
}

export type Machine = {
  cpu: string;
  cores: number;
  allowedCpus: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when described: other work on the machine skews the figures. */
  loadAverage: number;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    allowedCpus: allowedCpus(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
