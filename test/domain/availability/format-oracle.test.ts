/**
 * The slot formatter against luxon, the library it replaced in the Lambda bundles: for thousands of instants across
 * zones with odd offsets and DST rules (30-minute shifts, 45-minute offsets, southern summers, a date-line jump),
 * every text the voice agent receives must be luxon's, with the clock in winter and in summer.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { isoWithOffset, spokenClock, spokenDate, spokenTime } from '../../../functions/domain/availability';
import { offsetMinutes } from '../../../functions/domain/time';
import { eachSeason } from '../../support/seasons';

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'America/St_Johns',
  'Europe/London',
  'Europe/Kiev',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Asia/Tehran',
  // Other spellings of zones: an old alias, a link, a fixed-offset zone, any letter case.
  'Asia/Calcutta',
  'US/Eastern',
  'Etc/GMT+5',
  'europe/london',
];

/** A fixed spread of instants, by default 2010-2040, with every hour and most minutes hit (an LCG: no Math.random). */
function instants(count: number, from = Date.UTC(2010, 0, 1), to = Date.UTC(2040, 0, 1)): number[] {
  let seed = 20_261_202;
  const span = to - from;
  return Array.from({ length: count }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return from + Math.floor((seed / 2_147_483_648) * span);
  });
}

const luxon = (ms: number, zone: string, format: string) =>
  DateTime.fromMillis(ms, { zone, locale: 'en-US' }).toFormat(format);

/** Offset, ISO text and spoken words of each instant in `zone`: ours, then luxon's. */
function bothWays(sample: number[], zone: string) {
  return {
    ours: sample.map((ms) => [offsetMinutes(ms, zone), isoWithOffset(ms, zone), spokenTime(ms, zone)]),
    theirs: sample.map((ms) => [
      DateTime.fromMillis(ms, { zone }).offset,
      luxon(ms, zone, "yyyy-MM-dd'T'HH:mm:ssZZ"),
      luxon(ms, zone, "EEEE, MMMM d 'at' h:mm a"),
    ]),
  };
}

eachSeason('slot text, as luxon writes it', () => {
  it.each(ZONES)('%s: offsets, ISO text and spoken words over 1,500 instants', (zone) => {
    // Prepare
    const sample = instants(1_500);
    // Act
    const { ours, theirs } = bothWays(sample, zone);
    // Assess
    expect(ours).toEqual(theirs);
  });

  it.each(['Europe/Amsterdam', 'Asia/Kolkata', 'America/New_York', 'Africa/Monrovia'])(
    '%s before 1970: local mean time, offsets with seconds, the zone rules of the day',
    (zone) => {
      // Prepare
      const sample = instants(500, Date.UTC(1850, 0, 1), Date.UTC(1970, 0, 1));
      // Act
      const { ours, theirs } = bothWays(sample, zone);
      // Assess
      expect(ours).toEqual(theirs);
    },
  );

  it.each([
    // Lord Howe springs forward 30 minutes at 02:00; Chatham's offset is +12:45/+13:45; Apia skipped 30 Dec 2011.
    { zone: 'Australia/Lord_Howe', utc: '2026-10-03T15:29:59Z' },
    { zone: 'Australia/Lord_Howe', utc: '2026-10-03T15:30:00Z' },
    { zone: 'Pacific/Chatham', utc: '2026-04-04T14:00:00Z' },
    { zone: 'Pacific/Apia', utc: '2011-12-30T09:59:59Z' },
    { zone: 'Pacific/Apia', utc: '2011-12-30T10:00:00Z' },
    { zone: 'Europe/London', utc: '2026-10-25T00:30:00Z' },
    { zone: 'Europe/London', utc: '2026-10-25T01:30:00Z' },
    { zone: 'America/Santiago', utc: '2025-09-07T04:00:00Z' },
  ])('$zone at $utc, right at a change', ({ zone, utc }) => {
    // Prepare
    const ms = Date.parse(utc);

    // Act
    const ours = [isoWithOffset(ms, zone), spokenDate(ms, zone), spokenClock(ms, zone)];

    // Assess
    expect(ours).toEqual([
      luxon(ms, zone, "yyyy-MM-dd'T'HH:mm:ssZZ"),
      luxon(ms, zone, 'EEEE, MMMM d'),
      luxon(ms, zone, 'h:mm a'),
    ]);
  });
});
