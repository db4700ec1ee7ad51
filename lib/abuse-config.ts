/**
 * The abuse-protection context keys: VAPI's source addresses (the webhook's allow-list at the WAF) and the functions'
 * reserved concurrency. Checked at synth; each problem names its key, like lib/stack-config.ts's others.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { invalid } from './provider-config';

/** The context keys read here. */
export const ABUSE_CONTEXT_KEYS = [
  'vapiSourceCidrs',
  'webhookReservedConcurrency',
  'otherFunctionsReservedConcurrency',
] as const;

/** As given: `-c` strings, or typed values from cdk.json. */
export type AbuseConfigInput = {
  /** VAPI's source addresses: CIDRs (or single addresses), comma or space separated, or a JSON array. */
  vapiSourceCidrs?: string | readonly string[];
  /** Executions reserved for the webhook (and its cap); unset: none reserved. */
  webhookReservedConcurrency?: string | number;
  /** Executions reserved for (and capping) each other function; unset: none. */
  otherFunctionsReservedConcurrency?: string | number;
};

/** After validation. */
export interface AbuseConfig {
  /** VAPI's addresses by IP version; both empty when no allow-list is configured. */
  vapiSources: { ipv4: string[]; ipv6: string[] };
  webhookReservedConcurrency?: number;
  otherFunctionsReservedConcurrency?: number;
}

/** A sane upper bound: far above any need here; an account's quota is checked by Lambda at deploy. */
const MAX_RESERVED = 10_000;

function listOf(value: string | readonly string[]): string[] | undefined {
  if (typeof value !== 'string') return Array.isArray(value) ? value.map(String) : undefined;
  if (!value.trim().startsWith('[')) return value.split(/[\s,]+/).filter(Boolean);
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** One entry as a WAF IP set takes it (a single address becomes /32 or /128), or why it cannot be. */
export function parseCidr(entry: string): { version: 4 | 6; cidr: string } | { problem: string } {
  const [address = '', prefix, extra] = entry.trim().split('/');
  const version = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (!version || extra !== undefined) return { problem: `"${entry}" is not an IPv4 or IPv6 address or CIDR` };
  const max = version === 4 ? 32 : 128;
  if (prefix === undefined) return { version, cidr: `${address}/${max}` };
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  // WAF takes every prefix but /0, which would let the whole internet through the allow-list.
  if (!(bits >= 1 && bits <= max)) return { problem: `"${entry}" needs a prefix length from 1 to ${max}` };
  if (version === 4) {
    const value = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    const hostBits = value % 2 ** (32 - bits);
    if (hostBits !== 0) return { problem: `"${entry}" has host bits set (the network is ${network(value, bits)})` };
  }
  return { version, cidr: `${address}/${bits}` };
}

function network(value: number, bits: number): string {
  const base = value - (value % 2 ** (32 - bits));
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/${bits}`;
}

function reserved(key: string, value: string | number | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= MAX_RESERVED) return n;
  // 0 would stop the function altogether; leave the key out to reserve nothing.
  problems.push(invalid(key, `expected an integer from 1 to ${MAX_RESERVED}, got "${value}"`, '50'));
  return undefined;
}

/** Validates the abuse-protection keys; returns the configuration and one problem line per bad key. */
export function resolveAbuseConfig(input: AbuseConfigInput): { config: AbuseConfig; problems: string[] } {
  const problems: string[] = [];
  const vapiSources = { ipv4: [] as string[], ipv6: [] as string[] };
  if (input.vapiSourceCidrs !== undefined) {
    const entries = listOf(input.vapiSourceCidrs);
    const bad: string[] = [];
    for (const entry of entries ?? []) {
      const parsed = parseCidr(entry);
      if ('problem' in parsed) bad.push(parsed.problem);
      else vapiSources[parsed.version === 4 ? 'ipv4' : 'ipv6'].push(parsed.cidr);
    }
    if (!entries || entries.length === 0) bad.push('expected at least one CIDR, as a list or a JSON array');
    if (bad.length) {
      problems.push(invalid('vapiSourceCidrs', bad.join('; '), "'203.0.113.10/32,198.51.100.0/28'"));
      vapiSources.ipv4 = [];
      vapiSources.ipv6 = [];
    }
  }
  const webhook = reserved('webhookReservedConcurrency', input.webhookReservedConcurrency, problems);
  const others = reserved('otherFunctionsReservedConcurrency', input.otherFunctionsReservedConcurrency, problems);
  return {
    config: {
      vapiSources: { ipv4: [...new Set(vapiSources.ipv4)], ipv6: [...new Set(vapiSources.ipv6)] },
      ...(webhook !== undefined ? { webhookReservedConcurrency: webhook } : {}),
      ...(others !== undefined ? { otherFunctionsReservedConcurrency: others } : {}),
    },
    problems,
  };
}
