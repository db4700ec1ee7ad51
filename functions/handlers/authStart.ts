/**
 * The manager's side of connecting calendars: GET /calendar/auth/start?invite=… (the invite's page), POST
 * /calendar/auth/start (on to the provider's sign-in) and POST /calendar/auth/manage (roles, disconnect).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PATHS } from '../contract/routes';
import { NotFoundError, PayloadTooLargeError } from '../domain/errors';
import { type ConnectStartDeps, connectStartDeps } from '../runtime/compose-connect';
import { logger } from '../runtime/logger';
import { continueToProvider, showInvitePage } from './connect/invite-routes';
import { manageCalendars } from './connect/manage-route';
import { httpErrors } from './shared/errors';
import { bodyBytes, routeOf, type HttpEvent, type HttpResult } from './shared/http';

type Route = (event: HttpEvent, deps: ConnectStartDeps) => Promise<HttpResult>;

const ROUTES: Record<string, Route> = {
  [`GET ${PATHS.connect}`]: showInvitePage,
  [`POST ${PATHS.connect}`]: continueToProvider,
  [`POST ${PATHS.manage}`]: manageCalendars,
};

/** The forms post a few hundred bytes; anything much larger is not one of them. */
const MAX_FORM_BYTES = 16 * 1024;

const lambdaHandler = async (event: HttpEvent): Promise<HttpResult> => {
  const route = ROUTES[routeOf(event)];
  if (!route) throw new NotFoundError('This page does not exist.');
  if (bodyBytes(event) > MAX_FORM_BYTES) throw new PayloadTooLargeError('This form is too large.');
  return route(event, await connectStartDeps());
};

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpErrors('html'))
  .handler(lambdaHandler);
