/**
 * The operator's function, behind the admin bearer token: GET /calendar/auth/status?manager=<id> (a manager's
 * connection summary) and the admin API under /calendar/admin/ (handlers/admin/router.ts). Never credential material.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PATHS } from '../contract/routes';
import { statusDeps } from '../runtime/compose-status';
import { logger } from '../runtime/logger';
import { requireAdmin } from './admin/request';
import { adminRoute } from './admin/router';
import { connectionStatus } from './admin/status-route';
import { httpErrors } from './shared/errors';
import type { HttpEvent, HttpResult } from './shared/http';

const lambdaHandler = async (event: HttpEvent): Promise<HttpResult> => {
  const deps = await statusDeps();
  // Before anything about the request is looked at: without the token, every path is the same 401.
  requireAdmin(event, await deps.adminToken());
  if (event.rawPath === PATHS.status) return connectionStatus(event, deps);
  return adminRoute(event, deps);
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('json'))
  .handler(lambdaHandler);
