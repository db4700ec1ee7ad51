/** One BookingStore contract, two stores: the in-memory fake the use-case tests use, and DynamoDB (Local). */
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { MemoryBookingStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { bookingStoreContract } from './booking-store.contract';

bookingStoreContract('MemoryBookingStore', async () => (options) => new MemoryBookingStore(options));

bookingStoreContract('DynamoBookingStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return (options) => new DynamoBookingStore(doc, tables.bookings, options);
});
