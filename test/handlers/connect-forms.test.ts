/**
 * readForm over the connect forms: what each posted form reads as, the default intent, and the 400 it answers
 * (the invite's own words when the invite is missing, else the first bad field).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Forms = typeof import('../../functions/handlers/connect/forms');
type Errors = typeof import('../../functions/domain/errors');
let forms: Forms;
let errors: Errors;

// The schemas and messages are module-level values: load the module afresh (with the error classes) for each test.
beforeEach(async () => {
  vi.resetModules();
  forms = await import('../../functions/handlers/connect/forms');
  errors = await import('../../functions/domain/errors');
});

const fields = (record: Record<string, string>) => new URLSearchParams(record);

/** The error readForm throws for these fields (undefined when they parse). */
function refusal(schema: 'startForm' | 'manageForm', record: Record<string, string>) {
  try {
    forms.readForm(forms[schema], fields(record));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(errors.ValidationError);
    return { message: (error as Error).message, reason: (error as InstanceType<Errors['ValidationError']>).reason };
  }
}

describe('Function: readForm (connect forms)', () => {
  it('reads a start form; without an intent it is a first connect, "connect" and "add" are taken as sent', () => {
    // Act
    const plain = forms.readForm(forms.startForm, fields({ invite: 'inv', provider: 'google' }));
    const connect = forms.readForm(forms.startForm, fields({ invite: 'inv', provider: 'google', intent: 'connect' }));
    const add = forms.readForm(forms.startForm, fields({ invite: 'inv', provider: 'google', intent: 'add' }));

    // Assess
    expect(plain).toEqual({ invite: 'inv', provider: 'google', intent: 'connect' });
    expect(connect.intent).toBe('connect');
    expect(add.intent).toBe('add');
  });

  it('reads each manage form by its action', () => {
    // Prepare
    const role = { invite: 'inv', csrf: 't', action: 'role', connection: 'c-1', calendar: 'cal', role: 'busy' };
    const disconnect = { invite: 'inv', action: 'disconnect', connection: 'c-1' };
    const hours = { invite: 'inv', action: 'hours', workingHours: 'mon 09:00-12:00', timeZone: '' };

    // Act + Assess
    expect(forms.readForm(forms.manageForm, fields(role))).toEqual(role);
    expect(forms.readForm(forms.manageForm, fields(disconnect))).toEqual(disconnect);
    expect(forms.readForm(forms.manageForm, fields(hours))).toEqual(hours);
  });

  it('refuses a form without its invite in the words of the invite link', () => {
    // Act
    const refused = refusal('startForm', { provider: 'google' });

    // Assess
    expect(refused).toEqual({
      message: 'This page needs the connect link you were sent. Ask for a new invite link.',
      reason: 'invite_missing',
    });
  });

  it('refuses a form with a bad field by naming that field', () => {
    // Act
    const refused = refusal('manageForm', { invite: 'inv', action: 'role', connection: 'c-1', calendar: 'cal' });

    // Assess
    expect(refused).toEqual({
      message: 'This form was sent incomplete or changed (role). Open your connect link again.',
      reason: 'form_role',
    });
  });

  it('refuses a manage form with an unknown action', () => {
    // Act
    const refused = refusal('manageForm', { invite: 'inv', action: 'rename', connection: 'c-1' });

    // Assess
    expect(refused).toEqual({
      message: 'This form was sent incomplete or changed (action). Open your connect link again.',
      reason: 'form_action',
    });
  });
});
