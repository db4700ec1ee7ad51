/**
 * `npm run keeper -- --once`: asks the running `npm start` for one keeper run and prints its summary.
 * `npm run keeper -- --enrol [--cursor <c>]`: the one-off enrolment of connections stored before the keeper existed.
 */
import { LOCAL_KEEPER_HEADER, LOCAL_KEEPER_PATH } from '../local/keeper';

const USAGE = `Usage: npm run keeper -- --once [--url http://localhost:3000]
       npm run keeper -- --enrol [--cursor <cursor>] [--url http://localhost:3000]

--once runs the keeper once inside the running \`npm start\` (whose DynamoDB Local lives in its memory): refreshes the
tokens of connections unused for KEEPER_IDLE_DAYS, flags revoked grants for reconnect, settles due bookings and re-reads
out-of-date owner schedules. Prints the run's summary as JSON. --url defaults to http://localhost:$PORT (3000).
npm start also runs it every KEEPER_INTERVAL_MINUTES (default 60; 0 turns the timer off).

--enrol puts every connection stored before the keeper existed on its list (due at once; a due time already set is
never moved), a page at a time within KEEPER_BUDGET_SECONDS. Run it once after upgrading a deployment that predates
the keeper. When it prints "done": false, run it again with the --cursor it printed.`;

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const mode = args.includes('--enrol') ? 'enrol' : args.includes('--once') ? 'once' : undefined;
const help = args.includes('--help') || args.includes('-h');
if (help || !mode || (args.includes('--once') && args.includes('--enrol'))) {
  console.log(USAGE);
  process.exit(help ? 0 : 2);
}
const base = option('--url') ?? `http://localhost:${process.env.PORT?.trim() || '3000'}`;
if (!URL.canParse(base)) {
  console.error(`--url must be the URL npm start printed, such as http://localhost:3000, got "${base}"`);
  process.exit(2);
}
const cursor = option('--cursor');
if (args.includes('--cursor') && (mode !== 'enrol' || !cursor || cursor.startsWith('--'))) {
  console.error('--cursor goes with --enrol and takes the cursor an earlier --enrol printed');
  process.exit(2);
}

const url = new URL(LOCAL_KEEPER_PATH, base);
if (mode === 'enrol') {
  url.searchParams.set('enrol', '1');
  if (cursor) url.searchParams.set('cursor', cursor);
}
let response: Response;
try {
  response = await fetch(url, { method: 'POST', headers: { [LOCAL_KEEPER_HEADER]: mode } });
} catch {
  console.error(`Nothing answers at ${base}. Is npm start running (and on that port)?`);
  process.exit(1);
}
const text = await response.text();
if (!response.ok) {
  console.error(`The keeper ${mode === 'enrol' ? 'enrolment' : 'run'} failed (${response.status}): ${text}`);
  process.exit(1);
}
console.log(JSON.stringify(JSON.parse(text), null, 2));
