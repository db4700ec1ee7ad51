import { describe, expect, it } from 'vitest';
import { graphOperation, microsoftOperation } from '../../../functions/adapters/microsoft/operations';

describe('Function: graphOperation', () => {
  it.each([
    ['GET', '/me', 'me'],
    ['GET', '/me/mailboxSettings', 'mailboxSettings'],
    ['GET', '/me/calendars', 'calendars'],
    ['GET', '/me/calendar', 'calendar'],
    ['GET', '/me/calendars/AAMkADc%3D', 'calendar'],
    ['POST', '/me/calendar/getSchedule', 'getSchedule'],
    ['GET', '/me/calendarView', 'calendarView'],
    ['GET', '/me/calendars/AAMkADc%3D/calendarView', 'calendarView'],
    ['GET', '/me/calendar/calendarView', 'calendarView'],
    ['POST', '/me/events', 'createEvent'],
    ['POST', '/me/calendars/AAMkADc%3D/events', 'createEvent'],
    ['GET', '/me/calendars/AAMkADc%3D/events', 'listEvents'],
    ['GET', '/me/events/AAMkAGI2TG93AAA%3D', 'getEvent'],
    ['PATCH', '/me/events/AAMkAGI2TG93AAA%3D', 'updateEvent'],
    ['DELETE', '/me/events/AAMkAGI2TG93AAA%3D', 'deleteEvent'],
    ['POST', '/me/events/AAMkAGI2TG93AAA%3D/cancel', 'cancelEvent'],
    ['GET', '/users/pat%40contoso.example/calendarView', 'calendarView'],
    ['GET', '/me/events/AAMk/attachments', 'other'],
    ['GET', '/groups/g-1/events', 'other'],
    ['GET', '/groups/calendarView', 'other'],
    ['GET', '/me/messages', 'other'],
    ['GET', '/me/calendarView/delta', 'other'],
    ['GET', '/me/events/getSchedule', 'getEvent'],
    ['POST', '/me/events/AAMkAGI2TG93AAA%3D/cancel/x', 'other'],
    ['POST', '/me/events/AAMkAGI2TG93AAA%3D', 'other'],
  ])('%s %s is %s', (method, path, operation) => {
    // Act / Assess
    expect(graphOperation(method, path)).toBe(operation);
  });
});

describe('Function: microsoftOperation', () => {
  it('names the login round trips token or discovery, whatever the tenant in the path', () => {
    // Prepare
    const login = (path: string) => ({
      service: 'login' as const,
      method: 'POST' as const,
      path,
      outcome: 'response' as const,
      durationMs: 1,
    });
    // Act / Assess
    expect(microsoftOperation(login('/4f5e2a1c-0000-4000-8000-000000000000/oauth2/v2.0/token'))).toBe('token');
    expect(microsoftOperation(login('/common/discovery/instance'))).toBe('discovery');
    expect(microsoftOperation(login('/tid-1/oauth2/v2.0/token/x'))).toBe('discovery');
  });

  it('names a Graph round trip by its Graph operation', () => {
    // Prepare
    const event = { service: 'graph' as const, method: 'GET' as const, path: '/me/calendarView', attempt: 0 };
    // Act / Assess
    expect(microsoftOperation({ ...event, outcome: 'response', durationMs: 1 })).toBe('calendarView');
  });
});
