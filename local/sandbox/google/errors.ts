/** Calendar API v3 errors: the envelope {"error": {"errors": [...], "code", "message"}} and the common causes. */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http';

export interface ApiErrorExtra {
  domain?: string;
  locationType?: string;
  location?: string;
  /** The newer `status` string Google adds to some envelopes (UNAUTHENTICATED, PERMISSION_DENIED). */
  status?: string;
  /** The errors[0] message when Google's differs from the envelope's (403 insufficientPermissions). */
  itemMessage?: string;
  headers?: Record<string, string>;
}

/** A Calendar API error answer; handlers throw it and the router renders the envelope. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly extra: ApiErrorExtra = {},
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }
}

/** The JSON body Google sends for an error. */
export function apiErrorBody(error: GoogleApiError): Record<string, unknown> {
  const { domain = 'global', locationType, location, status, itemMessage } = error.extra;
  const item: Record<string, string> = { domain, reason: error.reason, message: itemMessage ?? error.message };
  if (locationType) item.locationType = locationType;
  if (location) item.location = location;
  const body: Record<string, unknown> = { errors: [item], code: error.status, message: error.message };
  if (status) body.status = status;
  return { error: body };
}

/** Sends the envelope (with the error's extra headers). */
export function sendApiError(res: ServerResponse, error: GoogleApiError): void {
  sendJson(res, error.status, apiErrorBody(error), error.extra.headers ?? {});
}

/** 404 notFound, what Google answers for an unknown (or not shared) calendar or event. */
export const notFound = () => new GoogleApiError(404, 'notFound', 'Not Found');

/** 410 deleted, for writes to an event that was deleted. */
export const gone = () => new GoogleApiError(410, 'deleted', 'Resource has been deleted');

/** 400 `invalid` with a message naming the bad value. */
export const invalid = (message: string) => new GoogleApiError(400, 'invalid', message);

/** 400 `required` for a missing field. */
export const required = (message: string) => new GoogleApiError(400, 'required', message);

/** 400 `badRequest`, Google's answer for malformed parameters such as an offset-less timeMin. */
export const badRequest = (message = 'Bad Request') => new GoogleApiError(400, 'badRequest', message);
