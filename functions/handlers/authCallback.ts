/**
 * GET /calendar/auth/callback — the provider returns here; the connection is stored sealed, then 303 to GET
 * /calendar/auth/result, which tells the manager how it went.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PATHS } from '../contract/routes';
import { NotFoundError } from '../domain/errors';
import { connectFinishDeps } from '../runtime/compose-connect';
import { logger } from '../runtime/logger';
import { finishCallback, showResult } from './connect/callback-routes';
import { httpErrors } from './shared/errors';
import { routeOf, type HttpEvent, type HttpResult } from './shared/http';

const lambdaHandler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
  const route = routeOf(event);
  if (route === `GET ${PATHS.callback}`) return finishCallback(event, context, await connectFinishDeps());
  if (route === `GET ${PATHS.result}`) return showResult(event, await connectFinishDeps());
  throw new NotFoundError('This page does not exist.');
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('html'))
  .handler(lambdaHandler);
