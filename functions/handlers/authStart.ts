/** GET /calendar/auth/start?invite=… — verifies the signed invite and sends the manager to Microsoft. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { startConnect } from '../domain/connect/connect-calendar';
import { ValidationError } from '../domain/errors';
import { connectStartDeps } from '../runtime/compose-connect';
import { logger } from '../runtime/logger';
import { bindingCookie } from './shared/cookies';
import { httpErrors } from './shared/errors';
import { BASE_HEADERS, queryParam, type HttpEvent, type HttpResult } from './shared/http';

const lambdaHandler = async (event: HttpEvent): Promise<HttpResult> => {
  const invite = queryParam(event, 'invite');
  if (!invite)
    throw new ValidationError(
      'This page needs the connect link you were sent. Ask for a new invite link.',
      'invite_missing',
    );
  const deps = await connectStartDeps();
  const { authorizeUrl, binding, managerId, state } = await startConnect(invite, deps);
  logger.info('connect started', { managerId });
  return {
    statusCode: 302,
    headers: { ...BASE_HEADERS, location: authorizeUrl },
    cookies: [bindingCookie(binding, deps.secureCookies, state)],
  };
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('html'))
  .handler(lambdaHandler);
