/**
 * Writes functions/adapters/microsoft/windows-zones.data.ts, the Windows ↔ IANA zone table, from Unicode CLDR:
 *   npm run zones:generate        (after bumping the cldr-core / cldr-bcp47 dev dependencies)
 * cldr-core's windowsZones.json is the mapping Microsoft and ICU use; cldr-bcp47's timezone.json lists each zone's
 * aliases (old and new spellings such as Europe/Kiev and Europe/Kyiv) and its IANA-canonical name. Only the generated
 * table ships in the Lambda bundle; the CLDR packages are read here, at generation time, and nowhere else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The parts of cldr-core/supplemental/windowsZones.json read here. */
export interface WindowsZonesJson {
  supplemental: {
    version: { _cldrVersion: string };
    windowsZones: { mapTimezones: { mapZone: { _other: string; _type: string; _territory: string } }[] };
  };
}

/** The parts of cldr-bcp47/bcp47/timezone.json read here (the "tz" object also holds string fields). */
export interface Bcp47TimezoneJson {
  keyword: { u: { tz: Record<string, string | { _alias?: string; _iana?: string }> } };
}

/** The CLDR sources and their npm package versions (for the header). */
export interface CldrSources {
  windowsZones: WindowsZonesJson;
  timezones: Bcp47TimezoneJson;
  versions: { core: string; bcp47: string };
}

const OUTPUT = 'functions/adapters/microsoft/windows-zones.data.ts';
const WIDTH = 120;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** Each zone id → its bcp47 group: the IANA-canonical name first, then every alias. */
function aliasGroups(timezones: Bcp47TimezoneJson): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const entry of Object.values(timezones.keyword.u.tz)) {
    // Deprecated keys carry only _preferred (their zone ids live on the preferred key); string fields describe "tz".
    if (typeof entry !== 'object' || !entry._alias) continue;
    const aliases = words(entry._alias);
    const canonical = entry._iana ?? aliases[0]!;
    const group = [canonical, ...aliases.filter((alias) => alias !== canonical)];
    for (const alias of aliases) groups.set(alias, group);
  }
  return groups;
}

/**
 * Rows of [Windows name, its 001 default zone (IANA-canonical), every other zone id and alias mapping to it (sorted)].
 * Every mapZone counts, the "ZZ" territory included: its fixed-offset Etc/GMT±N (POSIX sign: Etc/GMT+5 is UTC−5)
 * and Etc/UTC, Etc/GMT are real IANA zones a mailbox can carry. A zone under several Windows names goes to the one
 * whose 001 entry names it (first pass), else to the first mapZone listing it in file order (second pass), so the
 * output is deterministic; CLDR 48 has no such zone, and `conflicts` lists any a later release brings.
 */
export function windowsZoneRows(sources: Pick<CldrSources, 'windowsZones' | 'timezones'>) {
  const groups = aliasGroups(sources.timezones);
  const mapZones = sources.windowsZones.supplemental.windowsZones.mapTimezones.map(({ mapZone }) => mapZone);
  const windowsOf = new Map<string, string>();
  const conflicts: string[] = [];
  const claim = (zoneList: string, windows: string, isDefault: boolean) => {
    for (const zone of words(zoneList)) {
      for (const id of groups.get(zone) ?? [zone]) {
        const owner = windowsOf.get(id);
        if (owner === undefined) windowsOf.set(id, windows);
        // Two 001 entries for one zone leave no preferred name: fail rather than pick one.
        else if (owner !== windows && isDefault) throw new Error(`${id} is the 001 zone of ${owner} and ${windows}`);
        else if (owner !== windows) conflicts.push(`${id}: ${owner} (kept), ${windows}`);
      }
    }
  };
  const defaults = new Map<string, string>();
  for (const { _other: windows, _type: zones, _territory: territory } of mapZones) {
    if (territory !== '001') continue;
    const [zone, ...more] = words(zones);
    if (!zone || more.length > 0 || defaults.has(windows)) throw new Error(`Unexpected 001 entry for ${windows}`);
    defaults.set(windows, groups.get(zone)?.[0] ?? zone);
    claim(zones, windows, true);
  }
  for (const { _other: windows, _type: zones } of mapZones) {
    if (!defaults.has(windows)) throw new Error(`${windows} has no 001 entry, so no default IANA zone`);
    claim(zones, windows, false);
  }
  const rows = [...defaults].map(([windows, zone]) => {
    const others = [...windowsOf].filter(([id, owner]) => owner === windows && id !== zone).map(([id]) => id);
    return [windows, zone, ...others.sort()];
  });
  return { rows, conflicts };
}

/** A row as TypeScript, wrapped at WIDTH columns. */
function renderRow(row: string[]): string {
  // Zone ids and Windows names never hold quotes or backslashes; a CLDR that brings one must not break the module.
  if (row.some((word) => /['\\]/.test(word))) throw new Error(`Cannot quote ${row.join(' ')}`);
  const items = row.map((word, i) => `'${word}'${i < row.length - 1 ? ',' : '],'}`);
  const lines = [`  [${items[0]}`];
  for (const item of items.slice(1)) {
    const last = lines.length - 1;
    if (lines[last]!.length + 1 + item.length > WIDTH) lines.push(`    ${item}`);
    else lines[last] += ` ${item}`;
  }
  return lines.join('\n');
}

/** The generated module's source text (pure, so a test can regenerate it in memory and compare with the file). */
export function generateWindowsZonesModule(sources: CldrSources): string {
  const { rows } = windowsZoneRows(sources);
  const cldr = sources.windowsZones.supplemental.version._cldrVersion;
  const aliases = rows.reduce((sum, row) => sum + row.length - 1, 0);
  return [
    '// GENERATED by scripts/generate-windows-zones.ts — do not edit; regenerate with `npm run zones:generate`.',
    `// Source: Unicode CLDR ${cldr} (cldr-core ${sources.versions.core} supplemental/windowsZones.json, ` +
      `cldr-bcp47 ${sources.versions.bcp47} bcp47/timezone.json).`,
    `// ${rows.length} Windows names, ${aliases} IANA zone ids and aliases.`,
    '',
    '/** [Windows name, its CLDR 001 zone (IANA-canonical), every other zone id and alias mapping to it]. */',
    'export const WINDOWS_ZONES: readonly (readonly [windows: string, iana: string, ...aliases: string[]])[] = [',
    ...rows.map(renderRow),
    '];',
    '',
  ].join('\n');
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Reads the installed CLDR packages (node_modules relative to the working directory, i.e. the repo root). */
export function readInstalledCldr(): CldrSources {
  const version = (name: string) => (readJson(`node_modules/${name}/package.json`) as { version: string }).version;
  return {
    windowsZones: readJson('node_modules/cldr-core/supplemental/windowsZones.json') as WindowsZonesJson,
    timezones: readJson('node_modules/cldr-bcp47/bcp47/timezone.json') as Bcp47TimezoneJson,
    versions: { core: version('cldr-core'), bcp47: version('cldr-bcp47') },
  };
}

function main(): void {
  const sources = readInstalledCldr();
  const source = generateWindowsZonesModule(sources);
  writeFileSync(OUTPUT, source);
  const { conflicts } = windowsZoneRows(sources);
  console.error(`Wrote ${OUTPUT} (${Buffer.byteLength(source)} bytes).`);
  for (const conflict of conflicts) console.error(`Zone under several Windows names: ${conflict}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
