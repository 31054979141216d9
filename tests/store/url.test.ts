import { describe, expect, it } from 'vitest';
import { isPostgresUrl, redactUrl } from '../../src/store/url';

describe('redactUrl', () => {
  it('masks the password of a postgres URL and keeps the rest', () => {
    expect(redactUrl('postgres://kg:s3cret@127.0.0.1:5432/kg')).toBe('postgres://kg:***@127.0.0.1:5432/kg');
    expect(redactUrl('postgresql://kg:p%40ss@db.example.org/graph?sslmode=require')).toBe('postgresql://kg:***@db.example.org/graph?sslmode=require');
  });

  it('masks password parameters', () => {
    const redacted = redactUrl('postgres://kg@host/db?password=s3cret&sslpassword=k3y');
    expect(redacted).not.toMatch(/s3cret|k3y/);
    expect(redacted).toBe('postgres://kg@host/db?password=***&sslpassword=***');
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactUrl('postgres://kg@host:5432/db')).toBe('postgres://kg@host:5432/db');
    expect(redactUrl('postgres:///db?host=/var/run/postgresql')).toBe('postgres:///db?host=/var/run/postgresql');
  });

  it('masks what looks like a password in a string that is not a URL', () => {
    expect(redactUrl('host=db user=kg password=s3cret dbname=kg')).toBe('host=db user=kg password=*** dbname=kg');
    expect(redactUrl('postgres://kg:s3cret@[bad')).not.toMatch(/s3cret/);
  });
});

describe('isPostgresUrl', () => {
  it('tells URLs from file paths', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl('POSTGRESQL://h/db')).toBe(true);
    expect(isPostgresUrl('graph.db')).toBe(false);
    expect(isPostgresUrl('/data/postgres://x')).toBe(false);
  });
});
