/**
 * The connect pages as a browser without scripts uses them, over HTTP: a cookie jar, the page's forms read from its
 * HTML, and form posts. No vitest import, so the benchmark can use it too.
 */

/** One response, with what a test looks at. */
export interface PageResponse {
  status: number;
  location: string;
  cookies: string[];
  headers: Headers;
  body: string;
}

/** A form of a page: where it posts, its hidden and selected fields, and its submit buttons. */
export interface PageForm {
  action: string;
  fields: Record<string, string>;
  buttons: { name?: string; value?: string; text: string }[];
}

const fromHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const found = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  return found === undefined ? undefined : fromHtml(found);
};

/** The POST forms of a page, in order. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map(([, action, inner]) => {
    const fields: Record<string, string> = {};
    for (const [input] of inner!.matchAll(/<input [^>]*>/g)) fields[attr(input, 'name')!] = attr(input, 'value') ?? '';
    for (const [, tag, options] of inner!.matchAll(/(<select [^>]*>)([\s\S]*?)<\/select>/g)) {
      const chosen = /<option value="([^"]*)" selected>/.exec(options!) ?? /<option value="([^"]*)"/.exec(options!);
      fields[attr(tag!, 'name')!] = fromHtml(chosen?.[1] ?? '');
    }
    const buttons = [...inner!.matchAll(/(<button [^>]*>)([\s\S]*?)<\/button>/g)].map(([, tag, text]) => ({
      name: attr(tag!, 'name'),
      value: attr(tag!, 'value'),
      text: fromHtml(text!),
    }));
    return { action: fromHtml(action!), fields, buttons };
  });
}

/** The form holding the button `text` (the first, or the one whose fields include `where`). */
export function formWith(html: string, text: string, where: Record<string, string> = {}): PageForm {
  const form = formsOf(html).find(
    (f) => f.buttons.some((b) => b.text === text) && Object.entries(where).every(([k, v]) => f.fields[k] === v),
  );
  if (!form) throw new Error(`No form with a "${text}" button ${JSON.stringify(where)} on the page`);
  return form;
}

/** A browser's cookies and requests (no redirects followed: a test looks at each step). */
export class CookieBrowser {
  readonly jar = new Map<string, string>();

  /** The Cookie header for the jar (or for the pairs given instead). */
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.send(url, { method: 'GET', headers });
  }

  /** Submits `form` by clicking its button `text` (its name=value is sent), with fields changed by `changes`. */
  async submit(form: PageForm, text?: string, changes: Record<string, string | undefined> = {}): Promise<PageResponse> {
    const button = text === undefined ? undefined : form.buttons.find((b) => b.text === text);
    const fields: Record<string, string | undefined> = { ...form.fields, ...changes };
    if (button?.name) fields[button.name] = button.value ?? '';
    const body = new URLSearchParams(
      Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return this.post(form.action, body);
  }

  async post(url: string, body: string, type = 'application/x-www-form-urlencoded'): Promise<PageResponse> {
    return this.send(url, { method: 'POST', headers: { 'content-type': type }, body });
  }

  private async send(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<PageResponse> {
    const cookie = this.cookieHeader();
    const headers = { ...(cookie ? { cookie } : {}), ...init.headers };
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const cookies = res.headers.getSetCookie();
    for (const set of cookies) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (/Max-Age=0\b/.test(set)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return {
      status: res.status,
      location: res.headers.get('location') ?? '',
      cookies,
      headers: res.headers,
      body: await res.text(),
    };
  }
}

/** Opens an invite link and clicks the provider's button on "Connect your calendar": the provider's sign-in URL. */
export async function startAtProvider(browser: CookieBrowser, link: string, provider = 'Microsoft 365') {
  const page = await browser.get(link);
  if (page.status !== 200) throw new Error(`the invite page answered ${page.status}: ${page.body.slice(0, 300)}`);
  const started = await browser.submit(formWith(page.body, provider), provider);
  if (started.status !== 303)
    throw new Error(`the connect form answered ${started.status}: ${started.body.slice(0, 300)}`);
  return { page, authorizeUrl: started.location, started };
}

/** Follows the callback's 303 to the result page; returns both answers. */
export async function finishAtCallback(browser: CookieBrowser, callbackUrl: string) {
  const callback = await browser.get(callbackUrl);
  if (callback.status !== 303)
    throw new Error(`the callback answered ${callback.status}: ${callback.body.slice(0, 300)}`);
  const result = await browser.get(callback.location);
  return { callback, result };
}
