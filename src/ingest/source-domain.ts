/**
 * The site an article comes from, as one stable name: the registrable domain of the
 * header's `Original:` link. "https://www.example.org/a" and "http://example.org/b" are
 * both "example.org", so every article from one site names one outlet, however the link
 * is written (scheme, "www.", "m.", port, path, letter case). Isomorphic: no URL API, so
 * an internationalised domain stays readable ("пример.рф", not punycode).
 */

/**
 * Second-level labels that, under a two-letter country code, are a public suffix of their
 * own ("bbc.co.uk", "gov.kz", "com.ua"): the registrable domain then has three labels. A
 * compact stand-in for the Public Suffix List's most common pattern; regional suffixes
 * ("msk.ru") are not listed and give the two-label domain.
 */
const GENERIC_SECOND_LEVEL = new Set(['ac', 'biz', 'co', 'com', 'edu', 'gen', 'go', 'gov', 'info', 'int', 'ltd', 'mil', 'ne', 'net', 'nic', 'nom', 'or', 'org', 'plc', 'sch']);

/** scheme://[user@]host[:port]..., or a protocol-relative //host, or a bare host/path. */
const HOST = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#\s]*@)?(\[[^\]\s]*\]|[^/?#:\s]+)/i;
const BARE_HOST = /^([^/?#:\s@]+\.[^/?#:\s@]+)(?:[:/?#]|$)/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** The registrable domain of a link, lower case; undefined when the link names no host. */
export function registrableDomain(url: string): string | undefined {
  const trimmed = url.trim();
  const host = (HOST.exec(trimmed)?.[1] ?? BARE_HOST.exec(trimmed)?.[1])?.toLowerCase().replace(/\.$/, '');
  if (!host) return undefined;
  if (host.startsWith('[') || IPV4.test(host)) return host; // an address is its own name
  // "www." never tells two sites apart, and under a public suffix ("www.gov.kz") it would be
  // kept as part of the name.
  const labels = host.replace(/^www\d*\.(?=[^.]+\.)/, '').split('.');
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  const take = tld.length === 2 && GENERIC_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}
