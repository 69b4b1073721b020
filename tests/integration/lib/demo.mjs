// The set-up the request and audit tests share: the demo municipality on a fresh server (with
// the log-in limit raised, as these tests log in as many roles), and a client per demo role,
// logged in on first use, carrying its session's CSRF token and its account id.
//
//   const env = useDemoServer();          // registers before() and after()
//   const staff = await env.as('staff');  // env.srv, env.demo once before() ran
import { before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient } from './server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './flows.mjs';

export function useDemoServer() {
  const env = { srv: null, demo: null };
  const clients = {};
  before(async () => {
    const config = await writeConfig('login_limit_per_ip = 1000\n');
    env.srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
    env.demo = parseDemoLogins(await env.srv.demoLogins());
  });
  after(async () => {
    await env.srv?.stop();
  });
  env.as = async (role) => {
    if (clients[role]) return clients[role];
    const c = new HttpClient(env.srv.baseUrl);
    await loginOk(c, env.demo[role].email, env.demo[role].password);
    c.csrfToken = await c.csrf('/account');
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200);
    c.userId = me.json().id;
    assert.ok(Number.isInteger(c.userId) && c.userId > 0, `an account id for ${role}`);
    clients[role] = c;
    return c;
  };
  return env;
}
