import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { openSecret, sealSecret } from './sealed-secret';

process.env.NEXTAUTH_SECRET = 'unit-test-secret-0123456789abcdef';

describe('sealed secrets', () => {
  it('round-trips, is not the plain text, and differs each time', () => {
    const a = sealSecret('client-secret-value');
    const b = sealSecret('client-secret-value');
    expect(a).not.toContain('client-secret-value');
    expect(a).not.toBe(b);
    expect(openSecret(a)).toBe('client-secret-value');
  });

  it('refuses tampered values', () => {
    const sealed = sealSecret('x');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('y').toString('base64url');
    expect(openSecret(parts.join('.'))).toBeNull();
    expect(openSecret('garbage')).toBeNull();
  });
});

describe('admin passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('wrong horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});
