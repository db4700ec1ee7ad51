/** endpointUrl: which endpoint overrides a provider's configuration accepts, and how it names a bad one. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../functions/contract/env';
import { endpointUrl } from '../../../functions/adapters/shared/config-url';

const read = (value: string | undefined) => {
  try {
    return endpointUrl({ GRAPH_URL: value }, 'GRAPH_URL', 'https://graph.example');
  } catch (error) {
    return error;
  }
};

describe('Function: endpointUrl', () => {
  it('answers the URL without its trailing slashes, a bare host included, or the fallback when unset', () => {
    // Act
    const urls = [read('http://127.0.0.1:4010//'), read(' https://graph.test/v1.0/ '), read(undefined), read(' ')];
    // Assess
    expect(urls).toEqual([
      'http://127.0.0.1:4010',
      'https://graph.test/v1.0',
      'https://graph.example',
      'https://graph.example',
    ]);
  });

  it('refuses a query, another scheme in front, or text around the URL, naming the variable', () => {
    // Act
    const failures = ['https://graph.test/v1.0?debug=1', 'ftp://mirror/https://graph.test', 'graph.test'].map(read);
    // Assess
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toMatch(/^GRAPH_URL must be an http\(s\) URL without query/);
    }
  });
});
