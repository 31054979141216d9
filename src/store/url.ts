/**
 * Connection strings fit to print. A `postgres://` URL carries its password, and
 * messages, logs and `store.location` must never show it: every message that
 * names a database goes through redactUrl.
 */

const MASK = '***';
/** Query parameters that libpq and node-postgres read as secrets. */
const SECRET_PARAMS = ['password', 'sslpassword'];

/**
 * `postgres://user:secret@host:5432/db` -> `postgres://user:***@host:5432/db`; a
 * `password=` or `sslpassword=` query parameter is masked too. A URL without a
 * password is returned as it is. A string that is not a URL (a libpq
 * `key=value` string, a typo) has anything that looks like a password masked.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@?#]*):[^@/?#]*@/i, `$1:${MASK}@`)
      .replace(/\b((?:ssl)?password\s*=\s*)('[^']*'|\S+)/gi, `$1${MASK}`);
  }
  if (parsed.password !== '') parsed.password = MASK;
  for (const name of SECRET_PARAMS) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, MASK);
  }
  return parsed.href;
}

/** Whether `location` names a PostgreSQL database (a `postgres://` or `postgresql://` URL) rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}
