/** GET /calendar/auth/status?manager=<id> with the admin bearer token — a manager's connection, without secrets. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { assertManagerId } from '../domain/connect/invite';
import { UnauthorizedError, ValidationError } from '../domain/errors';
import { secretMatches } from '../domain/secret-compare';
import { statusDeps } from '../runtime/compose-status';
import { logger } from '../runtime/logger';
import { httpErrors } from './shared/errors';
import { json, lowerHeaders, queryParam, type HttpEvent, type HttpResult } from './shared/http';

const lambdaHandler = async (event: HttpEvent): Promise<HttpResult> => {
  const deps = await statusDeps();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(lowerHeaders(event).authorization ?? '')?.[1];
  if (!secretMatches(bearer, [await deps.adminToken()]))
    throw new UnauthorizedError('A valid admin bearer token is required.');
  const managerId = queryParam(event, 'manager');
  if (!managerId) throw new ValidationError('The manager query parameter is required.', 'manager_missing');
  assertManagerId(managerId);
  const connection = await deps.connections.get(managerId);
  return json(200, {
    managerId,
    connected: Boolean(connection && !connection.needsReconnect),
    provider: connection?.provider ?? null,
    account: connection?.account ?? null,
    timeZone: connection?.timeZone ?? null,
    needsReconnect: connection?.needsReconnect ?? false,
    connectedAt: connection?.connectedAt ?? null,
    lastUsedAt: connection?.lastUsedAt ?? null,
  });
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('json'))
  .handler(lambdaHandler);
