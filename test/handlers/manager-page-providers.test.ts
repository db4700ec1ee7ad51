/**
 * managerPage with several providers: which provider a Reconnect and a label belong to, why a reconnect has no
 * button, the revocation note, and how "Connect another account" offers one provider or a choice of them.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auth, connection, form, GOOGLE, MICROSOFT, view } from './manager-page-support';

type Module = typeof import('../../functions/handlers/connect/manager-page');
let m: Module;

// The page's messages are module-level constants: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../functions/handlers/connect/manager-page');
});

const LABELS = [MICROSOFT, GOOGLE];

const WARN =
  '<p class="warn">This account needs to be reconnected: the assistant cannot read or book its calendars.</p>';
const OTHER = 'This link connects other calendars only; ask for a new link to reconnect this account.';
const NOT_OFFERED = 'This service no longer offers this kind of calendar, so it cannot be reconnected here.';
const REVOKES =
  'Disconnecting also ends this service&#39;s access to the account for anyone else who connected it here.';
const ADD = '<h2>Another account</h2>\n    <form method="post" action="https://x.example/start">';

describe('Function: managerPage (providers)', () => {
  it("offers Reconnect with the connection's own provider, and names each connection by its own label", () => {
    // Act
    const html = m.managerPage({
      view: view(connection('google', { needsReconnect: true })),
      providers: LABELS,
      form,
      mayAdd: false,
    });

    // Assess
    expect(html).toContain(
      `<h2>google@example.com · Google Calendar</h2>\n    ${WARN}` +
        `<form method="post" action="https://x.example/start">${auth}<input type="hidden" name="intent" ` +
        'value="connect"><input type="hidden" name="provider" ' +
        'value="google"><button type="submit">Reconnect</button></form>\n    <table>',
    );
  });

  it('says why a reconnect has no button: another link offers that provider, or none does any more', () => {
    // Act
    const html = m.managerPage({
      view: view(connection('google', { needsReconnect: true }), connection('zoho', { needsReconnect: true })),
      providers: [MICROSOFT],
      labels: LABELS,
      form,
      mayAdd: true,
    });

    // Assess
    expect(html).toContain(`<h2>google@example.com · Google Calendar</h2>\n    ${WARN}<p class="note">${OTHER}</p>`);
    expect(html).toContain(`<h2>zoho@example.com · zoho</h2>\n    ${WARN}<p class="note">${NOT_OFFERED}</p>`);
    expect(html).not.toContain('Reconnect</button>');
  });

  it('warns that a disconnect revokes for everyone only under a connection whose provider revokes', () => {
    // Act
    const html = m.managerPage({
      view: view(connection('microsoft'), connection('google'), connection('zoho')),
      providers: [MICROSOFT],
      labels: LABELS,
      form,
      mayAdd: true,
    });

    // Assess
    const disconnect = (id: string) =>
      `<input type="hidden" name="connection" value="${id}-1"><button type="submit" class="quiet">` +
      'Disconnect this account</button></form>';
    expect(html).toContain(`${disconnect('microsoft')}\n    <h2>google@`);
    expect(html).toContain(`${disconnect('google')}<p class="note">${REVOKES}</p>\n    <h2>zoho@`);
    expect(html).toContain(`${disconnect('zoho')}\n    <h2 id="hours">`);
    expect(html.match(/for anyone else/g)).toHaveLength(1);
  });

  it('offers another account with the one provider of a pinned link as a hidden field', () => {
    // Act
    const html = m.managerPage({ view: view(connection('microsoft')), providers: [MICROSOFT], form, mayAdd: true });

    // Assess
    expect(html).toContain(
      `${ADD}${auth}<input type="hidden" name="intent" value="add"><input type="hidden" name="provider" ` +
        'value="microsoft"><button type="submit">Connect another account</button></form>\n  </main>',
    );
  });

  it('offers another account with a choice of the providers where the link offers several', () => {
    // Act
    const html = m.managerPage({ view: view(connection('microsoft')), providers: LABELS, form, mayAdd: true });

    // Assess
    expect(html).toContain(
      `${ADD}${auth}<input type="hidden" name="intent" value="add"><select name="provider" aria-label="Provider">` +
        '<option value="microsoft">Microsoft 365</option><option value="google">Google Calendar</option>' +
        '</select> <button type="submit">Connect another account</button></form>\n  </main>',
    );
  });

  it('says why a link older than the connections cannot add one; offers nothing where no provider is set up', () => {
    // Act
    const older = m.managerPage({ view: view(connection('microsoft')), providers: [MICROSOFT], form, mayAdd: false });
    const none = m.managerPage({ view: view(connection('microsoft')), providers: [], form, mayAdd: true });

    // Assess
    expect(older).toContain(
      '<h2>Another account</h2>\n    <p class="note">This link was made before your calendars were connected, so it ' +
        'cannot connect another account (in case it was forwarded). To connect another account, ask for a new ' +
        'link.</p>\n  </main>',
    );
    expect(none).toContain('<button type="submit">Save hours</button></form>\n  </main>');
    expect(none).not.toContain('Another account');
  });
});
