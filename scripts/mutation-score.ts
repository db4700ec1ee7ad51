/**
 * npm run mutate:score [-- --list [path-part]]: the mutation score of the layers run so far (reports/mutation/
 * <layer>.json from npm run mutate:layer), per layer, per file with undetected mutants, and in total. --list prints
 * each surviving or uncovered mutant as file:line:column, mutator, replacement and the source line.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LAYERS } from '../test/mutation/layers.mjs';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}
type Report = { files: Record<string, { source: string; mutants: Mutant[] }> };

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Counts by status, and Stryker's "mutation score total": detected over detected plus undetected. */
export function tally(mutants: readonly Mutant[]): { counts: Record<string, number>; score: number | undefined } {
  const counts: Record<string, number> = {};
  for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return { counts, score: detected + undetected ? (100 * detected) / (detected + undetected) : undefined };
}

const pct = (score: number | undefined) => (score === undefined ? 'n/a' : `${score.toFixed(2)} %`);

/** The lines the command prints for the given reports (layer name → report). */
export function scoreLines(reports: Record<string, Report>, list?: string): string[] {
  const out: string[] = [];
  const all: Mutant[] = [];
  for (const [layer, report] of Object.entries(reports)) {
    const mutants = Object.values(report.files).flatMap((f) => f.mutants);
    all.push(...mutants);
    const { counts, score } = tally(mutants);
    out.push(`${layer}: ${pct(score)} ${JSON.stringify(counts)}`);
    const files = Object.entries(report.files)
      .map(([path, f]) => ({ path, f, undetected: f.mutants.filter((m) => UNDETECTED.has(m.status)).length }))
      .filter((x) => x.undetected > 0)
      .sort((a, b) => b.undetected - a.undetected);
    for (const { path, f, undetected } of files) {
      out.push(`  ${String(undetected).padStart(4)} undetected  ${pct(tally(f.mutants).score)}  ${path}`);
      if (list === undefined || !path.includes(list)) continue;
      const lines = f.source.split('\n');
      for (const m of f.mutants.filter((x) => UNDETECTED.has(x.status))) {
        const { line, column } = m.location.start;
        const source = (lines[line - 1] ?? '').trim().slice(0, 100);
        out.push(
          `    ${path}:${line}:${column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement)} | ${source}`,
        );
      }
    }
  }
  const { counts, score } = tally(all);
  out.push(`all layers run: ${pct(score)} ${JSON.stringify(counts)}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Piped into head: stop quietly when the reader has gone.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  const args = process.argv.slice(2);
  const at = args.indexOf('--list');
  const list = at < 0 ? undefined : (args[at + 1] ?? '');
  const reports: Record<string, Report> = {};
  for (const layer of Object.keys(LAYERS)) {
    const file = `reports/mutation/${layer}.json`;
    if (!existsSync(file)) continue;
    reports[layer] = JSON.parse(readFileSync(file, 'utf8')) as Report;
    // A layer's report is only as fresh as its last run: say when that was.
    console.log(`${file}: written ${statSync(file).mtime.toISOString()}`);
  }
  if (Object.keys(reports).length === 0) {
    console.error('No layer reports in reports/mutation/: run MUTATE_LAYER=<layer> npm run mutate:layer first.');
    process.exit(2);
  }
  for (const line of scoreLines(reports, list)) console.log(line);
}
