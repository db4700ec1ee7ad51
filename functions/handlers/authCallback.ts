/** GET /calendar/auth/callback — Microsoft returns here; the connection is stored sealed and the manager told. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { finishConnect } from '../domain/connect/connect-calendar';
import { connectFinishDeps } from '../runtime/compose-connect';
import { logger } from '../runtime/logger';
import { bindingCookieName, clearBindingCookie } from './shared/cookies';
import { httpErrors } from './shared/errors';
import { cookieValue, html, queryParam, type HttpEvent, type HttpResult } from './shared/http';
import { connectedPage } from './shared/pages';

const lambdaHandler = async (event: HttpEvent): Promise<HttpResult> => {
  const deps = await connectFinishDeps();
  // Never log the event: its query string holds the authorization code and state.
  const connection = await finishConnect({
    state: queryParam(event, 'state'),
    code: queryParam(event, 'code'),
    error: queryParam(event, 'error'),
    bindingCookie: cookieValue(event, bindingCookieName(deps.secureCookies)),
  }, deps);
  logger.info('calendar connected', { managerId: connection.managerId, provider: connection.provider });
  return html(200, connectedPage(connection.account), { cookies: [clearBindingCookie(deps.secureCookies)] });
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('html'))
  .handler(lambdaHandler);
