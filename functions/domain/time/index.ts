/** The one set of local-time helpers: zone offsets, wall time ↔ instant with fixed DST rules, and wall-time text. */
export { instantOfIsoText, instantOfLocalText, utcIsoText, utcWallText } from './instants';
export {
  dayStart,
  instantAtMinute,
  instantOfWall,
  isAligned,
  localDayOf,
  minuteOfDay,
  resolveWall,
  startOfLocalDay,
} from './local-time';
export { instantOfUtcWallText } from './utc-text';
export { dateText, parseDate, parseOffset, parseWallDateTime, wallMinuteOfDay, wallText, weekdayOf } from './wall-text';
export { DAY, isKnownZone, MINUTE, offsetMinutes, wallMs } from './zone-offsets';
