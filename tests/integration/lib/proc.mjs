// Small helpers shared by the test harness: free ports, sleeping, child-process tracking.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() holds; returns the milliseconds it took, or fails the test after limitMs. */
export async function within(limitMs, what, check, everyMs = 50) {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > limitMs) assert.fail(`${what}: not within ${limitMs} ms`);
    await sleep(everyMs);
  }
}

// Children still running when the test file's process exits (a test threw before
// stop()) are killed, so no server outlives its test file and holds a port.
const liveChildren = new Set();
process.on('exit', () => {
  for (const child of liveChildren) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

export function trackChild(child) {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}
