// Polls until check() holds; returns the milliseconds it took, or fails the test after limitMs.
import assert from 'node:assert/strict';

import { sleep } from '../../integration/lib/proc.mjs';

export async function within(limitMs, what, check, everyMs = 50) {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > limitMs) assert.fail(`${what}: not within ${limitMs} ms`);
    await sleep(everyMs);
  }
}
