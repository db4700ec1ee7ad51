import { describe, expect, it, vi } from 'vitest';
import { runAdmin } from '../../scripts/admin';

const TOKEN = 'admin-token-0123456789abcdef';
const local = { env: { ADMIN_TOKEN: TOKEN } };

/** A fetch answering `status` with `body` (JSON), recording each request. */
function fakeFetch(status = 200, body: unknown = { ok: true }) {
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
    status === 204 ? new Response(null, { status }) : Response.json(body, { status }),
  );
}

describe('Function: runAdmin', () => {
  describe('requests', () => {
    it.each([
      [['get', 'pat'], 'GET', 'http://localhost:3000/calendar/admin/managers/pat', undefined],
      [
        [
          'settings',
          'pat',
          'timeZone=Europe/London',
          'workingHours=mon-fri 09:00-17:00',
          'slotMinutes=45',
          'bufferMinutes=null',
        ],
        'PUT',
        'http://localhost:3000/calendar/admin/managers/pat/settings',
        { timeZone: 'Europe/London', workingHours: 'mon-fri 09:00-17:00', slotMinutes: 45, bufferMinutes: null },
      ],
      [
        ['role', 'pat', 'ms-0123', 'AAMkAD+Lw/abc==', 'book'],
        'PUT',
        'http://localhost:3000/calendar/admin/managers/pat/connections/ms-0123/calendars/AAMkAD%2BLw%2Fabc%3D%3D',
        { role: 'book' },
      ],
      [
        ['disconnect', 'pat', 'microsoft-0123456789abcdef'],
        'DELETE',
        'http://localhost:3000/calendar/admin/managers/pat/connections/microsoft-0123456789abcdef',
        undefined,
      ],
      [
        ['bookings', 'pat', '--from', '2026-12-01', '--to=2026-12-07'],
        'GET',
        'http://localhost:3000/calendar/admin/managers/pat/bookings?from=2026-12-01&to=2026-12-07',
        undefined,
      ],
    ])('%j sends %s %s with the admin token', async (argv, method, url, body) => {
      // Prepare
      const fetch = fakeFetch(200, { managerId: 'pat' });

      // Act
      const run = await runAdmin(argv, { ...local, fetch });

      // Assess
      expect(run).toEqual({ code: 0, stdout: `${JSON.stringify({ managerId: 'pat' }, null, 2)}\n`, stderr: '' });
      expect(fetch).toHaveBeenCalledTimes(1);
      const [sentUrl, init] = fetch.mock.calls[0]!;
      expect(sentUrl).toBe(url);
      expect(init).toMatchObject({ method, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(init?.body === undefined ? undefined : JSON.parse(String(init.body))).toEqual(body);
    });

    it('uses --url and --token over the environment, and prints a 204 as JSON', async () => {
      // Prepare
      const fetch = fakeFetch(204);

      // Act
      const run = await runAdmin(
        ['disconnect', 'pat', 'fake-1', '--url', 'https://api.example.com/', '--token', 't2'],
        {
          env: { ADMIN_TOKEN: TOKEN, PUBLIC_BASE_URL: 'http://elsewhere' },
          fetch,
        },
      );

      // Assess
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ done: true, status: 204 });
      expect(fetch.mock.calls[0]![0]).toBe('https://api.example.com/calendar/admin/managers/pat/connections/fake-1');
      expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ authorization: 'Bearer t2' });
    });
  });

  describe('exit codes', () => {
    it.each([
      [['get', 'a b'], 'managerId: must be 1-128 characters'],
      [['settings', 'pat', 'timeZone=Mars/Base'], 'timeZone: must be an IANA time zone'],
      [['settings', 'pat', 'slotMinute=30'], 'slotMinute: not a setting'],
      [['settings', 'pat', 'nonsense'], '"nonsense" is not <name>=<value>'],
      [['role', 'pat', 'fake-1', 'cal', 'primary'], 'role: must be one of book, busy, ignore'],
      [['role', 'pat', 'fake-1'], 'role takes <managerId> <connectionId> <calendarId> <book|busy|ignore>'],
      [['bookings', 'pat', '--from', '2026-12-07', '--to', '2026-12-01'], 'to: must not be before from'],
      [['bookings', 'pat'], 'from: is required: a date YYYY-MM-DD'],
      [['get', 'pat', '--from', '2026-12-01'], '--from and --to belong to the bookings command'],
      [['list', 'pat'], 'Unknown command "list"'],
      [['get', 'pat', '--verbose'], 'Unknown or incomplete option --verbose'],
      [[], 'Name a command'],
    ])('%j exits 2 naming the problem and sends nothing', async (argv, message) => {
      // Prepare
      const fetch = fakeFetch();

      // Act
      const run = await runAdmin(argv, { ...local, fetch });

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(fetch).not.toHaveBeenCalled();
    });

    it("exits 1 with the API's reason on stderr and its JSON on stdout when the API refuses", async () => {
      // Act
      const run = await runAdmin(['get', 'pat'], {
        ...local,
        fetch: fakeFetch(401, { error: 'A valid admin bearer token is required.' }),
      });

      // Assess
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('HTTP 401: A valid admin bearer token is required.\n');
      expect(JSON.parse(run.stdout)).toEqual({ error: 'A valid admin bearer token is required.' });
    });

    it('exits 1 without a token, and when nothing answers, never printing the token', async () => {
      // Prepare
      const refused = vi.fn(async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
      });

      // Act
      const noToken = await runAdmin(['get', 'pat'], { env: {}, fetch: fakeFetch() });
      const down = await runAdmin(['get', 'pat'], { ...local, fetch: refused });

      // Assess
      expect(noToken).toMatchObject({ code: 1, stderr: expect.stringMatching(/^No admin token: export ADMIN_TOKEN/) });
      expect(down).toMatchObject({ code: 1, stderr: expect.stringContaining('ECONNREFUSED') });
      expect(down.stderr).not.toContain(TOKEN);
    });

    it('prints the help and exits 0', async () => {
      // Act
      const run = await runAdmin(['--help']);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: npm run admin -- <get\|settings\|role\|disconnect\|bookings>/);
      expect(run.stdout).toContain('Exit codes: 0 done, 1 the request failed');
    });
  });
});
