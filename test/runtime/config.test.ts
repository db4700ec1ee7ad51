import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  parseWorkingHours,
  readBookingDefaults,
  readCipher,
  readSecretRefs,
  readRouting,
  readTables,
} from '../../functions/runtime/config';

describe('Module: runtime config', () => {
  it.each([
    ['a missing table name', () => readTables({}, ['connections']), /CONNECTIONS_TABLE/],
    [
      'a missing secret',
      () => readSecretRefs({}, ['MICROSOFT_CLIENT_SECRET']),
      /MICROSOFT_CLIENT_SECRET \(or MICROSOFT_CLIENT_SECRET_ARN\)/,
    ],
    ['no token key', () => readCipher({}), /TOKEN_KMS_KEY_ID \(or LOCAL_TOKEN_KEY\)/],
    ['a short local key', () => readCipher({ LOCAL_TOKEN_KEY: 'c2hvcnQ=' }), /LOCAL_TOKEN_KEY must be 32 bytes/],
    ['a bad zone', () => readBookingDefaults({ DEFAULT_TIME_ZONE: 'Mars/Olympus' }), /DEFAULT_TIME_ZONE/],
    ['a bad slot length', () => readBookingDefaults({ SLOT_MINUTES: 'ten' }), /SLOT_MINUTES must be an integer/],
    [
      'bad working hours',
      () => readBookingDefaults({ DEFAULT_WORKING_HOURS: 'weekdays 9-5' }),
      /DEFAULT_WORKING_HOURS/,
    ],
    ['routes that are not an object', () => readRouting({ VAPI_ROUTES: '["a"]' }), /VAPI_ROUTES/],
  ])('fails fast naming the variable for %s', (_case, read, message) => {
    // Act + Assess
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });

  it('reads defaults: Mon–Fri 9–5 in New York, 30-minute slots, 2 h notice, 14 days', () => {
    // Act
    const defaults = readBookingDefaults({});

    // Assess
    expect(defaults).toMatchObject({
      timeZone: 'America/New_York',
      slotMinutes: 30,
      intervalMinutes: 30,
      bufferMinutes: 0,
      minNoticeMinutes: 120,
      horizonDays: 14,
      tentativeBlocks: true,
    });
    expect(Object.keys(defaults.working.week)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
  });

  it('parses per-weekday hours with several ranges', () => {
    // Act
    const schedule = parseWorkingHours('mon-wed 09:00-12:00; mon 13:00-17:00; sat 10:00-14:00', 'Europe/London');

    // Assess
    expect(schedule.week.monday).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(schedule.week.saturday).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(schedule.week.thursday).toBeUndefined();
  });

  it('prefers Secrets Manager ARNs and KMS when both are configured', () => {
    // Act
    const refs = readSecretRefs({ MICROSOFT_CLIENT_SECRET: 'plain', MICROSOFT_CLIENT_SECRET_ARN: 'arn:x' }, [
      'MICROSOFT_CLIENT_SECRET',
    ]);
    const cipher = readCipher({ TOKEN_KMS_KEY_ID: 'key', LOCAL_TOKEN_KEY: Buffer.alloc(32).toString('base64') });

    // Assess
    expect(refs.MICROSOFT_CLIENT_SECRET).toEqual({ arn: 'arn:x' });
    expect(cipher).toEqual({ kind: 'kms', keyId: 'key' });
  });
});
