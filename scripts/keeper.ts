/** `npm run keeper -- --once`: asks the running `npm start` for one keeper run and prints its summary. */
import { LOCAL_KEEPER_HEADER, LOCAL_KEEPER_PATH } from '../local/keeper';

const USAGE = `Usage: npm run keeper -- --once [--url http://localhost:3000]

Runs the keeper once inside the running \`npm start\` (whose DynamoDB Local lives in its memory): refreshes the tokens
of connections unused for KEEPER_IDLE_DAYS, flags revoked grants for reconnect, settles due bookings and re-reads
out-of-date owner schedules. Prints the run's summary as JSON. --url defaults to http://localhost:$PORT (3000).
npm start also runs it every KEEPER_INTERVAL_MINUTES (default 60; 0 turns the timer off).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.includes('--once')) {
  console.log(USAGE);
  process.exit(args.includes('--once') || args.includes('--help') || args.includes('-h') ? 0 : 2);
}
const at = args.indexOf('--url');
const base = (at >= 0 ? args[at + 1] : undefined) ?? `http://localhost:${process.env.PORT?.trim() || '3000'}`;
if (!URL.canParse(base)) {
  console.error(`--url must be the URL npm start printed, such as http://localhost:3000, got "${base}"`);
  process.exit(2);
}

let response: Response;
try {
  response = await fetch(new URL(LOCAL_KEEPER_PATH, base), {
    method: 'POST',
    headers: { [LOCAL_KEEPER_HEADER]: 'once' },
  });
} catch {
  console.error(`Nothing answers at ${base}. Is npm start running (and on that port)?`);
  process.exit(1);
}
const text = await response.text();
if (!response.ok) {
  console.error(`The keeper run failed (${response.status}): ${text}`);
  process.exit(1);
}
console.log(JSON.stringify(JSON.parse(text), null, 2));
