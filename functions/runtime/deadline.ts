/** The invocation's deadline scope, for handlers: every DynamoDB and KMS call inside it is aborted at the deadline. */
export { withDeadline } from '../adapters/shared/deadline-scope';
