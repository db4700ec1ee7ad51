/**
 * Webhook benchmark entry point: the whole product in-process (DynamoDB Local, Microsoft emulator, handlers behind the
 * local HTTP server) with KMS mocked; the bench itself lives in bench/webhook/ (run.ts drives it).
 * Run: npx tsx bench/webhook.ts   (exit code 1 when a round-trip or KMS target is missed, or calls failed)
 */
import { pathToFileURL } from 'node:url';
import { benchWebhook } from './webhook/run';

export { benchWebhook } from './webhook/run';
export { WEBHOOK_TARGETS, missedTargets } from './webhook/targets';
export { benchCalendar } from './webhook/calendar';
export { ioSummaryRows, type IoRow } from './webhook/io-report';
export type { IoFigures } from './webhook/io-summary';
export type { KmsCount, LatencyFigures, MemorySample, RoundTripFigures, WebhookFigures } from './webhook/figures';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchWebhook();
  if (figures.misses.length) process.exitCode = 1;
}
