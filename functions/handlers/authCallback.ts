/** GET /calendar/auth/callback — Microsoft returns here; the connection is stored sealed and the manager told. */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { withDeadline } from '../runtime/deadline';
import { finishConnect } from '../domain/connect/connect-calendar';
import { connectFinishDeps } from '../runtime/compose-connect';
import { logger } from '../runtime/logger';
import { bindingCookieName, clearBindingCookie } from './shared/cookies';
import { httpErrors } from './shared/errors';
import { cookieValue, html, queryParam, type HttpEvent, type HttpResult } from './shared/http';
import { connectedPage } from './shared/pages';

const lambdaHandler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
  const deps = await connectFinishDeps();
  // Never log the event: its query string holds the authorization code and state.
  const state = queryParam(event, 'state');
  // The whole exchange, DynamoDB and KMS included, must finish inside the function's timeout (a cold start used some).
  const budgetMs = Math.max(1_000, Math.min(deps.budgetMs, context.getRemainingTimeInMillis() - 1_000));
  const connection = await withDeadline({ at: Date.now() + budgetMs }, () =>
    finishConnect(
      {
        state,
        code: queryParam(event, 'code'),
        error: queryParam(event, 'error'),
        bindingCookie: cookieValue(event, bindingCookieName(deps.secureCookies, state)),
      },
      { ...deps, budgetMs },
    ),
  );
  logger.info('calendar connected', { managerId: connection.managerId, provider: connection.provider });
  return html(200, connectedPage(connection.account), { cookies: [clearBindingCookie(deps.secureCookies, state)] });
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('html'))
  .handler(lambdaHandler);
