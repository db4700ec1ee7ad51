/**
 * Why each route has no API Gateway authorizer (cdk-nag AwsSolutions-APIG4), by route key: the check lives in the
 * handler. PublicApi refuses to build a route missing here, so every new route states how it is protected.
 */
import { PATHS } from '../functions/contract/routes';

const INVITE =
  'authorized by the signed, expiring invite token (HMAC) verified in the handler, before any session exists';
const CSRF = 'plus a CSRF token bound to the invite cookie';
const ADMIN =
  'Operator route: the handler requires the admin bearer token (constant-time compare with the admin-token secret)';

/** The acknowledgement reason of each route. */
export const OPEN_ROUTE_REASONS: Readonly<Record<string, string>> = {
  [`GET ${PATHS.connect}`]: `Reached from an invite link (npm run invite): ${INVITE}; it only shows a page.`,
  [`POST ${PATHS.connect}`]: `Continues the connect from the invite page: ${INVITE}, ${CSRF}.`,
  [`POST ${PATHS.manage}`]: `The manager's own page (roles, disconnect): ${INVITE}, ${CSRF}.`,
  [`GET ${PATHS.callback}`]:
    'Public by protocol (the browser returns from the provider): protected by the single-use state, PKCE S256 ' +
    'and the binding cookie checked in the handler.',
  [`GET ${PATHS.result}`]:
    'The page the callback answers 303 to: it shows only the outcome in a short-lived cookie signed with the ' +
    'invite key (HMAC), checked in the handler.',
  [`GET ${PATHS.status}`]: `${ADMIN}.`,
  [`GET ${PATHS.admin}/{proxy+}`]: `${ADMIN}; reads a manager's view and bookings.`,
  [`PUT ${PATHS.admin}/{proxy+}`]: `${ADMIN}; changes a manager's settings and calendar roles.`,
  [`DELETE ${PATHS.admin}/{proxy+}`]: `${ADMIN}; disconnects an account (deletes its sealed credentials).`,
  [`POST ${PATHS.webhook}`]:
    'Authenticated by the shared secret VAPI sends, verified in the handler after the body-size cap; HTTP API ' +
    'authorizers cannot see the body and VAPI cannot sign with SigV4 or JWT.',
};
