/** GET /me and /me/mailboxSettings (and its timeZone / workingHours parts). */
import type { EmulatorContext } from '../context';
import { applySelect } from './event-json';
import { GraphError, odataContext, sendGraph, type GraphCall } from './respond';

function selectOf(call: GraphCall): string[] | undefined {
  return call.query.get('$select')?.split(',').filter(Boolean);
}

/** GET /me. */
export function getMe(call: GraphCall): void {
  const { user } = call.ctx;
  const [givenName = null, ...rest] = user.displayName.split(' ');
  const me = {
    '@odata.context': odataContext('users/$entity'),
    businessPhones: [],
    displayName: user.displayName,
    givenName,
    jobTitle: null,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: rest.length ? rest.join(' ') : null,
    userPrincipalName: user.userPrincipalName,
    id: user.oid,
  };
  sendGraph(call, 200, applySelect(me, selectOf(call)));
}

/** A time of day in Graph's "HH:mm:ss.0000000" form. */
function timeOfDay(value: string): string {
  const [hms = '00:00', frac = ''] = value.split('.');
  return `${hms.length === 5 ? `${hms}:00` : hms}.${frac.padEnd(7, '0')}`;
}

/** The mailbox's working hours as Graph writes them (times with seven fraction digits). */
export function workingHoursJson(ctx: EmulatorContext): Record<string, unknown> | undefined {
  const hours = ctx.mailboxSettings.workingHours;
  return hours ? { ...hours, startTime: timeOfDay(hours.startTime), endTime: timeOfDay(hours.endTime) } : undefined;
}

/** GET /me/mailboxSettings[/timeZone|/workingHours]. */
export function getMailboxSettings(call: GraphCall, part: string | undefined): void {
  const settings = call.ctx.mailboxSettings;
  const hours = workingHoursJson(call.ctx);
  if (part === 'timezone') {
    sendGraph(call, 200, {
      '@odata.context': odataContext("users('me')/mailboxSettings/timeZone"),
      value: settings.timeZone ?? null,
    });
    return;
  }
  if (part === 'workinghours') {
    sendGraph(call, 200, { '@odata.context': odataContext("users('me')/mailboxSettings/workingHours"), ...hours });
    return;
  }
  if (part !== undefined) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${part}'.`);
  const full = {
    '@odata.context': odataContext('Me/mailboxSettings'),
    archiveFolder: 'AQMkAGI2AAAAAAEMAAAA',
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2026-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2026-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    userPurpose: { value: 'user' },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    ...settings,
    workingHours: hours ?? null,
  };
  sendGraph(call, 200, applySelect(full, selectOf(call)));
}
