import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { WINDOWS_ZONES } from '../../../functions/adapters/microsoft/windows-zones.data';
import {
  ianaFromWindows,
  toIanaZone,
  toWindowsZone,
  windowsFromIana,
} from '../../../functions/adapters/microsoft/windows-zones';
import { esbuildOptions } from '../../../lib/constructs/bundling';
import {
  generateWindowsZonesModule,
  readInstalledCldr,
  windowsZoneRows,
  type Bcp47TimezoneJson,
  type WindowsZonesJson,
} from '../../../scripts/generate-windows-zones';

const ADAPTER = '../../../functions/adapters/microsoft/';
const DATA_FILE = fileURLToPath(new URL(`${ADAPTER}windows-zones.data.ts`, import.meta.url));
const cldr = readInstalledCldr();
const mapZones = cldr.windowsZones.supplemental.windowsZones.mapTimezones.map(({ mapZone }) => mapZone);
const defaults = mapZones.filter((zone) => zone._territory === '001');
/** The IANA-canonical spelling bcp47 gives a CLDR id (Europe/Kiev → Europe/Kyiv), else the id itself. */
const canonical = (id: string) => {
  const entries = Object.values(cldr.timezones.keyword.u.tz);
  const entry = entries.find((e) => typeof e === 'object' && e._alias?.split(' ').includes(id));
  return (typeof entry === 'object' && entry._iana) || id;
};

/** Minimal CLDR sources for the generator's rules: mapZones as [Windows, zones, territory], bcp47 alias lists. */
function sources(zones: [string, string, string][], aliases: string[] = []) {
  const mapTimezones = zones.map(([other, type, territory]) => ({
    mapZone: { _other: other, _type: type, _territory: territory },
  }));
  const supplemental = { version: { _cldrVersion: '99' }, windowsZones: { mapTimezones } };
  const windowsZones: WindowsZonesJson = { supplemental };
  const tz = Object.fromEntries(aliases.map((alias, i) => [`k${i}`, { _alias: alias }]));
  const timezones: Bcp47TimezoneJson = { keyword: { u: { tz } } };
  return { windowsZones, timezones };
}

describe('Script: generate-windows-zones', () => {
  it('generated the committed table from the installed CLDR packages (regenerate: npm run zones:generate)', () => {
    // Act
    const generated = generateWindowsZonesModule(cldr);
    // Assess
    expect(cldr.versions).toEqual({ core: '48.2.0', bcp47: '48.2.0' });
    // StrykerJS prepends '// @ts-nocheck' to every TypeScript file in its sandbox; that line is not the table's.
    expect(readFileSync(DATA_FILE, 'utf8').replace(/^\/\/ @ts-nocheck\n/, '')).toBe(generated);
  });

  it('lists every zone id once, under one Windows name', () => {
    // Act
    const ids = WINDOWS_ZONES.flatMap(([, ...zones]) => zones);
    // Assess
    expect(WINDOWS_ZONES).toHaveLength(139);
    expect(ids).toHaveLength(598);
    expect(new Set(ids).size).toBe(ids.length);
    expect(windowsZoneRows(cldr).conflicts).toEqual([]);
  });

  it('gives a zone under several Windows names to the one whose 001 entry names it, else to the first', () => {
    // Prepare: A lists X/Two, which B's 001 entry names; A lists Y/Late before B does.
    const input = sources([
      ['A', 'X/One', '001'],
      ['A', 'X/One X/Two Y/Late ', 'AA'],
      ['B', 'X/Two', '001'],
      ['B', 'Y/Late', 'ZZ'],
    ]);
    // Act
    const { rows, conflicts } = windowsZoneRows(input);
    // Assess
    expect(rows).toEqual([
      ['A', 'X/One', 'Y/Late'],
      ['B', 'X/Two'],
    ]);
    expect(conflicts).toEqual(['X/Two: B (kept), A', 'Y/Late: A (kept), B']);
  });

  it('maps every bcp47 alias of a zone and names the 001 default by its IANA-canonical alias', () => {
    // Prepare
    const input = sources([['FLE', 'Europe/Kiev', '001']], ['Europe/Kiev Europe/Kyiv Europe/Uzhgorod']);
    input.timezones.keyword.u.tz.k0 = { _alias: 'Europe/Kiev Europe/Kyiv Europe/Uzhgorod', _iana: 'Europe/Kyiv' };
    // Act
    const { rows } = windowsZoneRows(input);
    // Assess
    expect(rows).toEqual([['FLE', 'Europe/Kyiv', 'Europe/Kiev', 'Europe/Uzhgorod']]);
  });

  it.each([
    ['no 001 entry', [['A', 'X/One', 'AA']]],
    ['two zones in a 001 entry', [['A', 'X/One X/Two', '001']]],
    [
      'one zone as the 001 of two names',
      [
        ['A', 'X/One', '001'],
        ['B', 'X/One', '001'],
      ],
    ],
  ] as [string, [string, string, string][]][])('fails on %s rather than guess', (_, zones) => {
    // Act & Assess
    expect(() => windowsZoneRows(sources(zones))).toThrow();
  });

  it('keeps the CLDR packages out of the Lambda bundle: only the generated table ships', async () => {
    // Prepare
    const entry = fileURLToPath(new URL(`${ADAPTER}windows-zones.ts`, import.meta.url));
    // Act
    const options = { ...esbuildOptions(entry, 'out.mjs'), write: false, metafile: true, logLevel: 'silent' } as const;
    const result = await build(options);
    // Assess
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('windows-zones.data.ts'))).toBe(true);
    expect(inputs.filter((input) => /cldr|scripts\//.test(input))).toEqual([]);
  });
});

describe('CLDR 001 entries, both ways', () => {
  it('maps each of the 139 Windows names to its 001 zone and that zone back to the name', () => {
    // Act
    const results = defaults.map(({ _other: windows, _type: type }) => {
      const zone = type.trim();
      const iana = toIanaZone(windows);
      const back = { zone: windowsFromIana(zone), canonical: windowsFromIana(canonical(zone)) };
      return { windows, zone, mapped: ianaFromWindows(windows), back, iana, roundTrip: iana && toWindowsZone(iana) };
    });
    // Assess
    expect(results).toHaveLength(139);
    for (const { windows, zone, mapped, back, iana, roundTrip } of results) {
      expect(mapped, windows).toBe(canonical(zone));
      expect(back, zone).toEqual({ zone: windows, canonical: windows });
      // The drop-in pair round-trips too, through a zone this runtime's luxon accepts.
      expect(iana !== undefined && IANAZone.isValidZone(iana), windows).toBe(true);
      expect(roundTrip, windows).toBe(windows);
    }
  });
});

describe('Function: ianaFromWindows', () => {
  it.each([
    ['Mountain Standard Time (Mexico)', 'America/Mazatlan'],
    ['Central Asia Standard Time', 'Asia/Bishkek'],
    ['FLE Standard Time', 'Europe/Kyiv'],
    ['India Standard Time', 'Asia/Kolkata'],
    ['Dateline Standard Time', 'Etc/GMT+12'],
    ['  pacific standard time ', 'America/Los_Angeles'],
    ['Customized Time Zone', undefined],
    ['America/New_York', undefined],
  ])('maps %j to %s', (name, expected) => {
    // Act & Assess
    expect(ianaFromWindows(name)).toBe(expected);
  });
});

describe('Function: windowsFromIana', () => {
  it.each([
    ['America/Chihuahua', 'Central Standard Time (Mexico)'],
    ['Asia/Almaty', 'West Asia Standard Time'],
    ['Asia/Qostanay', 'West Asia Standard Time'],
    ['Europe/Kyiv', 'FLE Standard Time'],
    ['Europe/Kiev', 'FLE Standard Time'],
    ['Pacific/Kanton', 'UTC+13'],
    ['Pacific/Enderbury', 'UTC+13'],
    ['America/Ciudad_Juarez', 'Mountain Standard Time'],
    ['Asia/Calcutta', 'India Standard Time'],
    ['US/Pacific', 'Pacific Standard Time'],
    ['Etc/GMT+5', 'SA Pacific Standard Time'],
    ['Etc/GMT', 'UTC'],
    [' america/new_york', 'Eastern Standard Time'],
    ['Antarctica/Troll', undefined],
    ['Pacific Standard Time', undefined],
  ])('maps %j to %s', (zone, expected) => {
    // Act & Assess
    expect(windowsFromIana(zone)).toBe(expected);
  });

  it('maps every zone this runtime knows, but Antarctica/Troll (UTC+0/+2: CLDR has no Windows zone for it)', () => {
    // Prepare
    const zones = Intl.supportedValuesOf('timeZone');
    // Act
    const unmapped = zones.filter((zone) => windowsFromIana(zone) === undefined);
    // Assess
    expect(zones.length).toBeGreaterThan(400);
    expect(unmapped).toEqual(['Antarctica/Troll']);
  });
});

describe('Function: toIanaZone', () => {
  it.each([
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Mountain Standard Time (Mexico)', 'America/Mazatlan'],
    [' Europe/London ', 'Europe/London'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Etc/GMT', 'UTC'],
    ['Customized Time Zone', undefined],
    ['Nowhere Time', undefined],
    ['', undefined],
    ['   ', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('maps %j to %s', (name, expected) => {
    // Act & Assess
    expect(toIanaZone(name)).toBe(expected);
  });

  it('answers undefined, not an exception, for a value that is not a string', () => {
    // Act & Assess
    expect(toIanaZone(42 as unknown as string)).toBeUndefined();
  });
});

describe('Function: toWindowsZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Etc/GMT', 'UTC'],
    ['America/New_York', 'Eastern Standard Time'],
    ['Europe/Berlin', 'W. Europe Standard Time'],
    ['Asia/Almaty', 'West Asia Standard Time'],
    ['Antarctica/Troll', undefined],
    ['Not/A_Zone', undefined],
  ])('maps %j to %s', (zone, expected) => {
    // Act & Assess
    expect(toWindowsZone(zone)).toBe(expected);
  });
});
