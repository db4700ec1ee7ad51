import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import { inviteUrl } from '../../functions/domain/connect/invite';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import {
  BASE_URL,
  connectEnv,
  cookiePairs,
  formOf,
  inviteFor,
  invitePage,
  storeConnection,
  submitEvent,
} from './connect-support';
import { coldStart, type Invoke } from './invoke';

let dynamo: DynamoTables;
let authStart: Invoke;

beforeAll(async () => {
  dynamo = await useDynamoTables();
  ({ authStart } = await coldStart(['authStart'], connectEnv(dynamo)));
});
afterAll(() => vi.unstubAllEnvs());

const settingsOf = (managerId: string) => new DynamoSettingsStore(dynamo.doc, dynamo.tables.settings).get(managerId);

async function hoursForm(managerId: string) {
  await storeConnection(dynamo, managerId);
  const invite = inviteFor(managerId);
  const page = await authStart(invitePage(invite));
  return { invite, page, cookies: cookiePairs(page), form: formOf(page, 'Save hours') };
}

describe("Handler: authStart (the manager's bookable hours)", () => {
  it('shows the hours form, blank while nothing is set, under the "hours" anchor the result page uses', async () => {
    // Act
    const { page, form } = await hoursForm('hours-blank');

    // Assess
    expect(page.body).toContain('<h2 id="hours">Bookable hours</h2>');
    expect(form.fields).toMatchObject({ action: 'hours', workingHours: '', timeZone: '' });
  });

  it('saves hours and zone through the settings rules, and the page shows them again', async () => {
    // Prepare
    const { invite, form, cookies } = await hoursForm('hours-save');

    // Act
    const res = await authStart(
      submitEvent(form, 'Save hours', cookies, { workingHours: 'mon-thu 10:00-16:00', timeZone: 'Europe/Dublin' }),
    );
    const back = await authStart(invitePage(invite, cookies));

    // Assess
    expect(res.statusCode).toBe(303);
    expect(res.headers!.location).toBe(`${inviteUrl(BASE_URL, invite)}&done=saved`);
    expect(await settingsOf('hours-save')).toMatchObject({
      workingHours: 'mon-thu 10:00-16:00',
      timeZone: 'Europe/Dublin',
    });
    expect(formOf(back, 'Save hours').fields).toMatchObject({
      workingHours: 'mon-thu 10:00-16:00',
      timeZone: 'Europe/Dublin',
    });
  });

  it('removes a setting left blank, so the calendar or the default applies again', async () => {
    // Prepare
    const { form, cookies } = await hoursForm('hours-clear');
    await authStart(submitEvent(form, 'Save hours', cookies, { workingHours: 'sat 09:00-12:00', timeZone: 'UTC' }));

    // Act
    const res = await authStart(submitEvent(form, 'Save hours', cookies, { workingHours: ' ', timeZone: '' }));

    // Assess
    expect(res.statusCode).toBe(303);
    const settings = await settingsOf('hours-clear');
    expect(settings?.workingHours).toBeUndefined();
    expect(settings?.timeZone).toBeUndefined();
  });

  it('refuses hours or a zone it cannot read (400 naming the field), and stores nothing', async () => {
    // Prepare
    const { form, cookies } = await hoursForm('hours-bad');

    // Act
    const res = await authStart(
      submitEvent(form, 'Save hours', cookies, { workingHours: '9-5', timeZone: 'Mars/Base' }),
    );

    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nothing was changed');
    expect(res.body).toContain('workingHours: must look like');
    expect(res.body).toContain('timeZone: must be an IANA time zone');
    expect(await settingsOf('hours-bad')).toBeUndefined();
  });
});
