/**
 * The connect flow's own pages, word for word: "Connect your calendar" (with or without an expected account, with no
 * provider set up), "Open your link again", "Calendar connected" (with and without the hours note), "Nothing to show".
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type ConnectPage = typeof import('../../functions/handlers/connect/connect-page');
type ResultPage = typeof import('../../functions/handlers/connect/result-page');
let connect: ConnectPage;
let result: ResultPage;

// The pages' messages are module-level constants: load the modules afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  connect = await import('../../functions/handlers/connect/connect-page');
  result = await import('../../functions/handlers/connect/result-page');
});

const form = { startUrl: 'https://x.example/start', manageUrl: 'https://x.example/manage', invite: 'inv', csrf: 'tok' };
const bodyOf = (html: string) => html.slice(html.indexOf('<h1>'), html.indexOf('\n  </main>'));
const AFTER =
  '<p class="note">You sign in at your calendar provider and allow access; the assistant then sees when you&#39;re ' +
  'busy. You can change which calendars count, or disconnect, from this same link.</p>';

describe('Function: connectPage', () => {
  it('names the manager and the expected account, one button per provider, then what happens next', () => {
    // Act
    const html = connect.connectPage({
      managerId: 'mgr-1',
      expectedEmail: 'pat@example.com',
      providers: [
        { id: 'microsoft', label: 'Microsoft 365' },
        { id: 'google', label: 'Google Calendar' },
      ],
      form,
    });

    // Assess
    expect(bodyOf(html)).toBe(
      '<h1>Connect your calendar</h1>\n    <p>This link connects a calendar for <strong>mgr-1</strong>, so the ' +
        'phone\n    assistant can offer viewing times and book them into it. Where is your calendar?</p>\n    ' +
        '<p class="note">Sign in as pat@example.com: this link connects only that account.</p>\n    ' +
        '<form method="post" action="https://x.example/start">\n      <input type="hidden" name="invite" ' +
        'value="inv"><input type="hidden" name="csrf" value="tok"><input type="hidden" name="intent" ' +
        'value="connect">\n      <button type="submit" name="provider" value="microsoft">Microsoft 365</button>' +
        '\n      <button type="submit" name="provider" value="google">Google Calendar</button>\n    </form>\n    ' +
        AFTER,
    );
  });

  it('without an expected account or any provider: says no provider is set up, and offers no button', () => {
    // Act
    const html = connect.connectPage({ managerId: 'mgr-1', providers: [], form });

    // Assess
    expect(bodyOf(html)).toContain(
      'Where is your calendar?</p>\n    <p class="warn">No calendar provider is set up in this deployment yet. ' +
        'Ask the person who sent the link.</p>\n    <form method="post"',
    );
    expect(html).not.toContain('<button');
  });

  it('with a provider and no expected account, the form follows the greeting directly', () => {
    // Act
    const html = connect.connectPage({ managerId: 'mgr-1', providers: [{ id: 'google', label: 'Google' }], form });

    // Assess
    expect(html).toContain('Where is your calendar?</p>\n    <form method="post"');
  });

  it('says how to go on when a form outlived its session', () => {
    // Act
    const html = connect.sessionExpiredPage();

    // Assess
    expect(bodyOf(html)).toBe(
      '<h1>Open your link again</h1>\n    <p>This page was open too long, or it was opened in another browser. ' +
        'Open the connect link from your message again, then try once more.</p>',
    );
  });
});

describe('Function: connectedPage and noResultPage', () => {
  const connection = {
    account: 'pat@example.com',
    calendars: [
      { id: 'c1', name: 'Main', role: 'book' as const, canEdit: true },
      { id: 'c2', name: 'Team', role: 'busy' as const, canEdit: true },
    ],
  };
  const TABLE =
    '<table><thead><tr><th>Calendar</th><th>Role</th></tr></thead><tbody>\n      <tr><td>Main</td>' +
    '<td>Takes bookings</td></tr>\n      <tr><td>Team</td><td>Counts as busy</td></tr>\n    </tbody></table>';
  const CLOSING =
    '<p class="note">Your phone assistant can offer viewing times and book them into the calendar that takes ' +
    'bookings. To change which calendars count, open your connect link again. You can close this window.</p>';
  const HOURS =
    '<p class="warn">Google does not share your working hours, so the assistant offers viewing times only within ' +
    'the hours set on your page, or the service&#39;s default hours until you set them.</p>';
  const START = '<h1>Calendar connected</h1>\n    <p>Your calendar pat@example.com is now connected.</p>';

  it('lists the calendars with their roles, then where to change them', () => {
    // Act
    const html = result.connectedPage(connection);

    // Assess
    expect(bodyOf(html)).toBe(`${START}\n    ${TABLE}\n    ${CLOSING}`);
  });

  it('adds where hours come from, with the link to set them', () => {
    // Act
    const html = result.connectedPage(connection, { providerLabel: 'Google', pageUrl: 'https://x.example/p#hours' });

    // Assess
    expect(bodyOf(html)).toBe(
      `${START}\n    ${TABLE}\n    ${HOURS}\n    ` +
        `<p><a href="https://x.example/p#hours">Set your bookable hours</a></p>\n    ${CLOSING}`,
    );
  });

  it('without the link, says to open the connect link again to set the hours', () => {
    // Act
    const html = result.connectedPage(connection, { providerLabel: 'Google' });

    // Assess
    expect(bodyOf(html)).toContain(`${HOURS}\n    <p>To set them, open your connect link again.</p>\n    ${CLOSING}`);
  });

  it('says what the result page is for when it has nothing to show', () => {
    // Act
    const html = result.noResultPage();

    // Assess
    expect(bodyOf(html)).toBe(
      '<h1>Nothing to show</h1>\n    <p>This page shows the result of connecting a calendar for a few minutes ' +
        'afterwards. To see your calendars, open your connect link again.</p>',
    );
  });
});
