import { describe, expect, it } from 'vitest';
import { parseCidr, resolveAbuseConfig } from '../../lib/abuse-config';
import { type BookingStackConfigInput, resolveConfig, StackConfigError } from '../../lib/stack-config';
import { TEST_CLIENT_ID } from './synth';

const valid = (extra: BookingStackConfigInput): BookingStackConfigInput => ({
  microsoftClientId: TEST_CLIENT_ID,
  ...extra,
});

describe('Function: resolveConfig (abuse-protection keys rejected)', () => {
  it.each<[string, BookingStackConfigInput, RegExp]>([
    ['a word', { vapiSourceCidrs: 'vapi' }, /"vapiSourceCidrs": "vapi" is not an IPv4 or IPv6 address or CIDR/],
    ['a /0', { vapiSourceCidrs: '0.0.0.0/0' }, /"vapiSourceCidrs": "0.0.0.0\/0" needs a prefix length from 1 to 32/],
    ['an IPv6 /129', { vapiSourceCidrs: '2001:db8::/129' }, /"2001:db8::\/129" needs a prefix length from 1 to 128/],
    [
      'host bits',
      { vapiSourceCidrs: '10.1.2.3/24' },
      /"10.1.2.3\/24" has host bits set \(the network is 10.1.2.0\/24\)/,
    ],
    ['an octet over 255', { vapiSourceCidrs: '10.0.0.256' }, /"10.0.0.256" is not an IPv4/],
    ['an empty JSON list', { vapiSourceCidrs: '[]' }, /"vapiSourceCidrs": expected at least one CIDR/],
    ['broken JSON', { vapiSourceCidrs: '["10.0.0.0/8"' }, /"vapiSourceCidrs": expected at least one CIDR/],
    ['a reservation of 0', { webhookReservedConcurrency: '0' }, /"webhookReservedConcurrency": expected an integer/],
    ['a fraction', { webhookReservedConcurrency: 2.5 }, /"webhookReservedConcurrency": expected an integer/],
    ['a word', { otherFunctionsReservedConcurrency: 'some' }, /"otherFunctionsReservedConcurrency": expected an int/],
  ])('rejects %s with a message naming the context key', (_case, input, message) => {
    // Act
    const act = (): unknown => resolveConfig(valid(input));

    // Assess
    expect(act).toThrow(StackConfigError);
    expect(act).toThrow(message);
  });

  it('reports each bad key once, beside the other keys', () => {
    // Act
    let problems: string[] = [];
    try {
      resolveConfig(
        valid({
          slotMinutes: 'ten',
          vapiSourceCidrs: 'x, 10.0.0.1/8',
          webhookReservedConcurrency: '-1',
          otherFunctionsReservedConcurrency: '0',
        }),
      );
    } catch (error) {
      problems = (error as StackConfigError).problems;
    }

    // Assess
    expect(problems.map((line) => /^[^"]*"(\w+)"/.exec(line)?.[1]).sort()).toEqual([
      'otherFunctionsReservedConcurrency',
      'slotMinutes',
      'vapiSourceCidrs',
      'webhookReservedConcurrency',
    ]);
    expect(problems.find((line) => line.includes('vapiSourceCidrs'))).toMatch(/"x" is not .*; "10.0.0.1\/8" has host/);
  });
});

describe('Function: resolveAbuseConfig (accepted values)', () => {
  it('configures nothing when no key is given', () => {
    // Act
    const { config, problems } = resolveAbuseConfig({});

    // Assess
    expect(problems).toEqual([]);
    expect(config).toEqual({ vapiSources: { ipv4: [], ipv6: [] } });
  });

  it('reads a list from -c (commas or spaces), a JSON array string and a cdk.json array alike', () => {
    // Act
    const fromFlag = resolveAbuseConfig({ vapiSourceCidrs: '203.0.113.10, 2001:db8::1 198.51.100.0/28' });
    const fromJson = resolveAbuseConfig({ vapiSourceCidrs: '["203.0.113.10","2001:db8::1","198.51.100.0/28"]' });
    const fromArray = resolveAbuseConfig({ vapiSourceCidrs: ['203.0.113.10', '2001:db8::1', '198.51.100.0/28'] });

    // Assess: single addresses become /32 and /128, one list per family.
    expect(fromFlag.config.vapiSources).toEqual({
      ipv4: ['203.0.113.10/32', '198.51.100.0/28'],
      ipv6: ['2001:db8::1/128'],
    });
    expect(fromJson.config).toEqual(fromFlag.config);
    expect(fromArray.config).toEqual(fromFlag.config);
  });

  it('drops repeated entries and keeps reservations as numbers', () => {
    // Act
    const { config } = resolveAbuseConfig({
      vapiSourceCidrs: '10.0.0.0/8,10.0.0.0/8',
      webhookReservedConcurrency: ' 50 ',
      otherFunctionsReservedConcurrency: 5,
    });

    // Assess
    expect(config).toEqual({
      vapiSources: { ipv4: ['10.0.0.0/8'], ipv6: [] },
      webhookReservedConcurrency: 50,
      otherFunctionsReservedConcurrency: 5,
    });
  });
});

describe('Function: parseCidr', () => {
  it.each([
    ['192.0.2.0/24', { version: 4, cidr: '192.0.2.0/24' }],
    ['192.0.2.7', { version: 4, cidr: '192.0.2.7/32' }],
    ['2001:db8::/32', { version: 6, cidr: '2001:db8::/32' }],
    ['1.2.3.4/32/1', { problem: '"1.2.3.4/32/1" is not an IPv4 or IPv6 address or CIDR' }],
    ['1.2.3.4/x', { problem: '"1.2.3.4/x" needs a prefix length from 1 to 32' }],
  ])('reads %s', (entry, expected) => {
    // Act
    const parsed = parseCidr(entry);

    // Assess
    expect(parsed).toEqual(expected);
  });
});
