// One-time codes as an authenticator app computes them (RFC 6238: HMAC-SHA1 over the 30-second
// step, 6 digits) from a base32 secret (RFC 4648), for the browser tests that sign in with a
// second factor.
//
//   totp(secret, Math.floor(Date.now() / 30000))   // "492039"
//   await freshCode(secret, used)                  // a code from a step none in `used` came from
import { createHmac } from 'node:crypto';

export function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toUpperCase().replace(/[\s=]/g, '')) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// The server takes a code once (and no code from an earlier step after it): wait for a step no
// earlier code came from, and skip the last two seconds of a step so that the code is still
// current when it arrives.
export async function freshCode(secret: string, used: number[]): Promise<string> {
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / 30);
    if (!used.includes(step) && now - step * 30 < 28) {
      used.push(step);
      return totp(secret, step);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// A code that belongs to none of the steps around now: certainly wrong.
export function wrongCode(secret: string): string {
  const step = Math.floor(Date.now() / 30000);
  const near = [-2, -1, 0, 1, 2].map((d) => totp(secret, step + d));
  for (let n = 1; ; n++) {
    const c = String((Number(near[2]) + 123_457 * n) % 1_000_000).padStart(6, '0');
    if (!near.includes(c)) return c;
  }
}
