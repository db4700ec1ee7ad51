/** One BookingStore contract, two stores: the in-memory fake the use-case tests use, and DynamoDB (Local). */
import { DynamoBookingStore } from '../../functions/adapters/dynamo/booking-store';
import { MemoryBookingStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { bookingStoreContract } from './booking-store.contract';
import { dynamoBookingItems, memoryBookingItems } from './stored-items';

bookingStoreContract('MemoryBookingStore', async () => ({
  make: (options) => new MemoryBookingStore(options),
  items: memoryBookingItems,
}));

bookingStoreContract('DynamoBookingStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return {
    make: (options) => new DynamoBookingStore(doc, tables.bookings, options),
    items: dynamoBookingItems(doc, tables.bookings),
  };
});
