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
    // Flip one bit of one part at a time: always a change, whatever the
    // random IV made the ciphertext (replacing it with a fixed byte was a
    // no-op one time in 256).
    const flipped = (index: number) => {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 0x01;
      return parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
    };
    expect(openSecret(flipped(1))).toBeNull(); // iv
    expect(openSecret(flipped(2))).toBeNull(); // tag
    expect(openSecret(flipped(3))).toBeNull(); // ciphertext
    // A shortened tag is refused, not checked on fewer bytes.
    const shortTag = Buffer.from(parts[2], 'base64url').subarray(0, 4).toString('base64url');
    expect(openSecret([parts[0], parts[1], shortTag, parts[3]].join('.'))).toBeNull();
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
