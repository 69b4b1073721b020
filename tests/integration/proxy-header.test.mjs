// The client address behind nginx: X-Real-IP is believed only on a connection from the
// configured proxy (trusted_proxy), so the per-address log-in limit counts each visitor on their
// own there, and a client that talks to the program from anywhere else cannot choose the address
// its failures are counted under.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient } from './lib/server.mjs';
import { login, writeConfig } from './lib/flows.mjs';

const LIMIT = 3;
let behindProxy;  // trusts 127.0.0.1, where the test connects from
let elsewhere;    // trusts another address

before(async () => {
  const config = await writeConfig(`login_limit_per_ip = ${LIMIT}\nlogin_limit_per_account = 100\n`);
  [behindProxy, elsewhere] = await Promise.all([
    startServer({ seed: true, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_TRUSTED_PROXY: '127.0.0.1' } }),
    startServer({ seed: true, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_TRUSTED_PROXY: '192.0.2.1' } }),
  ]);
});

after(async () => {
  await behindProxy?.stop();
  await elsewhere?.stop();
});

const fail = (srv, address, n) =>
  login(new HttpClient(srv.baseUrl, { headers: { 'X-Real-IP': address } }), `nobody${n}@example.org`, 'wrong password');

describe('the proxy header', () => {
  test('from the configured proxy, each visitor named in X-Real-IP has a limit of their own', async () => {
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await fail(behindProxy, '203.0.113.7', i)).status, 401);
    assert.equal((await fail(behindProxy, '203.0.113.7', 10)).status, 429, 'this visitor reached the limit');
    assert.equal((await fail(behindProxy, '203.0.113.8', 11)).status, 401, 'another visitor behind the same proxy did not');
    assert.equal((await fail(behindProxy, 'not an address', 12)).status, 401, 'a malformed header names the proxy itself');
  });

  test('from any other address the header is ignored', async () => {
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await fail(elsewhere, `198.51.100.${i}`, i)).status, 401);
    const res = await fail(elsewhere, '198.51.100.99', 20);
    assert.equal(res.status, 429, 'a new X-Real-IP does not escape the limit of the real address');
    assert.match(res.body, /πάρα πολλές αποτυχημένες|Too many/);
  });
});
