/**
 * managerPage: the exact text and forms of "Your calendars" for the cases the handler tests do not build (several
 * providers, a reconnect this link cannot offer, a provider that revokes, no provider at all, a notice).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionView } from '../../functions/domain/manage/manager-view';
import { auth, connection, form, MICROSOFT, view } from './manager-page-support';

type Module = typeof import('../../functions/handlers/connect/manager-page');
let m: Module;

// The page's messages are module-level constants: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../functions/handlers/connect/manager-page');
});

// The account and calendars these tests show (the shared builder's defaults are one calendar, <provider>@).
const pats: Partial<ConnectionView> = {
  account: 'pat@example.com',
  calendars: [
    { id: 'c1', name: 'Main', role: 'book' },
    { id: 'c2', name: 'Team', role: 'ignore', shared: true },
  ],
};

const hoursHeading = '<h2 id="hours">Bookable hours</h2>';
const bodyOf = (html: string) => html.slice(html.indexOf('<h1>'), html.indexOf('</main>'));

describe('Function: managerPage', () => {
  it('shows a connection: heading, role select with the current role, shared note, disconnect, in this order', () => {
    // Act
    const html = m.managerPage({
      view: view(connection('microsoft', pats)),
      providers: [MICROSOFT],
      form,
      mayAdd: true,
    });

    // Assess
    expect(html).toContain('<title>Your calendars</title>');
    expect(bodyOf(html)).toContain(
      '<h1>Your calendars</h1>\n    <p>Calendars connected for <strong>mgr-1</strong>. New bookings go into\n' +
        '    the calendar that takes bookings; busy times in every calendar that counts are never offered.</p>\n' +
        '    <h2>pat@example.com · Microsoft 365</h2>\n    <table>',
    );
    expect(html).toContain(
      '<select name="role" aria-label="Role of Main"><option value="book" selected>Takes bookings</option>' +
        '<option value="busy">Counts as busy</option><option value="ignore">Ignored</option></select>',
    );
    expect(html).toContain(
      '<tr><td>Main</td><td><form method="post" action="https://x.example/manage">' +
        `${auth}<input type="hidden" name="action" value="role">`,
    );
    expect(html).toContain(
      '</form></td></tr>\n      <tr><td>Team</td><td>Ignored ' +
        '<span class="note">(Shared with this account: the assistant cannot see it)</span></td></tr>',
    );
    expect(html).toContain(
      '<input type="hidden" name="connection" value="microsoft-1">' +
        `<button type="submit" class="quiet">Disconnect this account</button></form>\n    ${hoursHeading}`,
    );
  });

  it('shows the hours section with the saved hours and zone, its note, and the form that saves them', () => {
    // Prepare
    const saved = {
      ...view(connection('microsoft', pats)),
      settings: { workingHours: 'mon 09:00-12:00', timeZone: 'UTC' },
    };

    // Act
    const html = m.managerPage({ view: saved, providers: [], form, mayAdd: true });

    // Assess
    expect(m.HOURS_ANCHOR).toBe('hours');
    expect(html).toContain(
      `${hoursHeading}\n    <p class="note">Viewings are offered only within these hours. Left blank, the assistant ` +
        'uses the working hours your calendar has (where it has them), else the service&#39;s default; the zone ' +
        'likewise.</p>\n    <form method="post" action="https://x.example/manage">' +
        `${auth}<input type="hidden" name="action" value="hours">` +
        '<label>Hours <input name="workingHours" value="mon 09:00-12:00" ' +
        'placeholder="mon-fri 09:00-17:00; sat 10:00-14:00" size="36"></label> ' +
        '<label>Time zone <input name="timeZone" value="UTC" placeholder="Europe/London" size="20"></label> ' +
        '<button type="submit">Save hours</button></form>\n  </main>',
    );
  });

  it('says a notice as a note after the intro; without one, the first connection follows the intro', () => {
    // Act
    const saved = m.managerPage({
      view: view(connection('microsoft', pats)),
      providers: [],
      form,
      mayAdd: true,
      notice: 'saved',
    });
    const plain = m.managerPage({ view: view(connection('microsoft', pats)), providers: [], form, mayAdd: true });

    // Assess
    expect(saved).toContain('are never offered.</p>\n    <p class="note">Your change was saved.</p>\n    <h2>pat@');
    expect(plain).toContain('are never offered.</p>\n    <h2>pat@');
  });
});
