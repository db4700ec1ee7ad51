/** Time zone names: Outlook speaks Windows names ("Pacific Standard Time"); everything here runs on IANA. */
import { findIana, findWindows } from 'windows-iana';
import { IANAZone } from 'luxon';

/** The IANA zone for a Windows or IANA name, or undefined when neither (e.g. "Customized Time Zone"). */
export function toIanaZone(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (trimmed.toUpperCase() === 'UTC' || trimmed === 'Etc/UTC') return 'UTC';
  if (IANAZone.isValidZone(trimmed)) return trimmed;
  // CLDR lists the "001" territory default first.
  const mapped = findIana(trimmed)[0];
  return mapped && IANAZone.isValidZone(mapped) ? mapped : undefined;
}

/** The Windows name for an IANA zone (Graph writes accept it everywhere), else the IANA name itself. */
export function toWindowsZone(iana: string): string {
  if (iana === 'UTC' || iana === 'Etc/UTC') return 'UTC';
  return findWindows(iana)[0] ?? iana;
}
