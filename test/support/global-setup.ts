/**
 * vitest globalSetup: one DynamoDB Local (a JVM, ~2 s to start) for the whole run; each test file makes its own tables.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../local/dynamo-local';
import './provided-context';

/**
 * Starts DynamoDB Local, provides its endpoint, and returns the teardown that stops it. No signal handlers here:
 * if vitest exits without teardown (Ctrl-C), startDynamoLocal's process 'exit' hook still kills the JVM.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
