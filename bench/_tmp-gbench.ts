import { benchGoogle } from './webhook/google';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const f = await benchGoogle({ availabilityCalls: 40, bookings: 15, rounds: 5 });
process.exit(f.misses.length ? 1 : 0);
