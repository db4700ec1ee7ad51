import { describe, expect, it } from 'vitest';
import {
  bodyBytes,
  cookieValue,
  formFields,
  html,
  queryParam,
  rawBody,
  routeOf,
  seeOther,
} from '../../functions/handlers/shared/http';
import { httpEvent } from './invoke';

const FORM = 'application/x-www-form-urlencoded';

describe('Function: routeOf', () => {
  it('is the route API Gateway matched, else (the default route, or none) the method and the path', () => {
    // Prepare
    const matched = { ...httpEvent('status-get'), routeKey: 'GET /calendar/{proxy+}' };
    const byDefault = { ...httpEvent('status-get'), routeKey: '$default' };
    const none = { ...httpEvent('status-get'), routeKey: '' };
    // Act / Assess
    expect(routeOf(matched)).toBe('GET /calendar/{proxy+}');
    expect(routeOf(byDefault)).toBe('GET /calendar/auth/status');
    expect(routeOf(none)).toBe('GET /calendar/auth/status');
  });
});

describe('Function: formFields', () => {
  it('reads a form body, whatever the case and parameters of its content type, and nothing else', () => {
    // Prepare
    const form = httpEvent('status-get', { headers: { 'content-type': `${FORM}; charset=UTF-8` }, body: 'a=1&b=x' });
    const shouted = httpEvent('status-get', { headers: { 'Content-Type': FORM.toUpperCase() }, body: 'a=2' });
    const jsonBody = httpEvent('status-get', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const untyped = httpEvent('status-get', { body: 'a=3' });
    // Act / Assess
    expect(Object.fromEntries(formFields(form))).toEqual({ a: '1', b: 'x' });
    expect(formFields(shouted).get('a')).toBe('2');
    expect([...formFields(jsonBody)]).toEqual([]);
    expect([...formFields(untyped)]).toEqual([]);
  });
});

describe('Function: rawBody and bodyBytes', () => {
  it('decode a base64 body, and count the bytes of either kind', () => {
    // Prepare
    const text = 'naïve=été';
    const plain = httpEvent('status-get', { body: text });
    const encoded = {
      ...httpEvent('status-get', { body: Buffer.from(text).toString('base64') }),
      isBase64Encoded: true,
    };
    // Act / Assess
    expect(rawBody(plain)).toBe(text);
    expect(rawBody(encoded)).toBe(text);
    expect(bodyBytes(plain)).toBe(Buffer.byteLength(text));
    expect(bodyBytes(encoded)).toBe(12);
    expect([rawBody(httpEvent('status-get')), bodyBytes(httpEvent('status-get'))]).toEqual(['', 0]);
  });
});

describe('Function: cookieValue', () => {
  it('finds a cookie by its exact name, in the cookies array or the Cookie header, and trims its value', () => {
    // Prepare
    const inArray = httpEvent('status-get', { cookies: ['other=1', 'cal_page=abc'] });
    const inHeader = httpEvent('status-get', { headers: { cookie: 'x_cal_page=no; cal_page=def ;other=2' } });
    // Act / Assess
    expect(cookieValue(inArray, 'cal_page')).toBe('abc');
    expect(cookieValue(inHeader, 'cal_page')).toBe('def');
    expect(cookieValue(inHeader, 'other')).toBe('2');
    expect(cookieValue(inArray, 'missing')).toBeUndefined();
  });
});

describe('Function: queryParam', () => {
  it('is the first value, trimmed, or undefined when empty', () => {
    // Prepare
    const event = httpEvent('status-get', { query: { manager: ' pat , sam', empty: ' ' } });
    // Act / Assess
    expect(queryParam(event, 'manager')).toBe('pat');
    expect(queryParam(event, 'empty')).toBeUndefined();
    expect(queryParam(event, 'absent')).toBeUndefined();
  });
});

describe('Function: html and seeOther', () => {
  it('send a page with the strict policy, forms posting only here unless told, framed nowhere', () => {
    // Act
    const page = html(200, '<p>hi</p>');
    // Assess
    expect(page.headers).toMatchObject({
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
    });
  });

  it('redirect with the cookies given, or none', () => {
    // Act / Assess
    expect(seeOther('/next')).toEqual({ statusCode: 303, headers: expect.objectContaining({ location: '/next' }) });
    expect(seeOther('/next').cookies).toBeUndefined();
    expect(seeOther('/next', ['a=1']).cookies).toEqual(['a=1']);
  });
});
