import { describe, expect, it } from 'vitest';
import {
  bindingCookieName,
  clearPageCookie,
  inviteCookieName,
  pageCookie,
  pageCookieName,
} from '../../functions/handlers/shared/cookies';
import { paragraphs, problemPage } from '../../functions/handlers/shared/pages';

describe('Function: the connect cookies', () => {
  it('are __Host- prefixed and Secure on https, plain on http', () => {
    // Act / Assess
    expect([inviteCookieName(true), inviteCookieName(false)]).toEqual(['__Host-cal_invite', 'cal_invite']);
    expect([pageCookieName(true), pageCookieName(false)]).toEqual(['__Host-cal_page', 'cal_page']);
    expect(pageCookie('inv/1', true)).toBe(
      '__Host-cal_page=inv%2F1; Path=/; HttpOnly; SameSite=Lax; Max-Age=1800; Secure',
    );
    expect(clearPageCookie(false)).toBe('cal_page=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it("name the binding cookie by the state's tag, a missing state as an empty one", () => {
    // Act
    const [one, other] = [bindingCookieName(false, 'state-1'), bindingCookieName(false, 'state-2')];
    // Assess
    expect(one).toMatch(/^cal_connect_[\w-]{12}$/);
    expect(other).not.toBe(one);
    expect(one).not.toBe(bindingCookieName(false, ''));
    expect(bindingCookieName(true, undefined)).toBe(bindingCookieName(true, ''));
  });
});

describe('Function: the connect pages', () => {
  it('put each text in its own paragraph, with the class given', () => {
    // Act / Assess
    expect(paragraphs(['a & b', 'c'])).toBe('<p>a &amp; b</p>\n    <p>c</p>');
    expect(paragraphs(['x'], 'note')).toBe('<p class="note">x</p>');
  });

  it('title the problem page "Calendar not connected" and show the reason', () => {
    // Act
    const page = problemPage('This link has expired.');
    // Assess
    expect(page).toContain('<title>Calendar not connected</title>');
    expect(page).toContain('<h1>Calendar not connected</h1>');
    expect(page).toContain('<p>This link has expired.</p>');
  });
});
