/** The Bookings table an operation works on, as the modules DynamoBookingStore delegates to receive it. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface BookingTable {
  doc: DynamoDBDocumentClient;
  table: string;
}
