// Mail in the recipient's language, on the engine under test, with a real SMTP server: a citizen
// who chose English in the site's language switch gets the reply of Greek-speaking staff, and its
// in-app notification, in English; one who did not gets them in Greek; an invitation to an
// account that chose English is in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, startSmtpSink, HttpClient } from './lib/server.mjs';
import { parseDemoLogins, writeConfig, loginOk } from './lib/flows.mjs';

let sink;
let srv;
let demo;

before(async () => {
  sink = await startSmtpSink();
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url, SYNERGEIA_CONFIG: config } });
  demo = parseDemoLogins(await srv.demoLogins());
});

after(async () => {
  await srv?.stop();
  await sink?.stop();
});

async function as(role) {
  const c = new HttpClient(srv.baseUrl);
  await loginOk(c, demo[role].email, demo[role].password);
  c.csrfToken = await c.csrf('/account');
  return c;
}

const api = (c, method, path, json) => c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });

async function fileAndReply(requester, title) {
  const res = await api(requester, 'POST', '/api/v1/requests', {
    type: 'local-problem', title, description: 'Σπασμένο φανάρι στη γωνία.', address: 'Αριστομένους 25, Καλαμάτα', is_public: true,
  });
  assert.equal(res.status, 201, res.body.slice(0, 300));
  const staff = await as('tenant_admin');
  const reply = await api(staff, 'POST', `/api/v1/requests/${res.json().id}/replies`, { body: 'Θα έρθει συνεργείο την Τρίτη.', public: true });
  assert.equal(reply.status, 201, reply.body.slice(0, 300));
}

test('a citizen who chose English gets the Greek staff\'s reply in English; others in Greek', async () => {
  const english = await as('citizen');
  const chosen = await english.submit('/lang', { lang: 'en', return: '/' }, { formPath: '/' });
  assert.equal(chosen.status, 303);
  await fileAndReply(english, 'Broken street light');
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(demo.citizen.email) && /Broken street light/.test(m.subject) && /Reply/.test(m.subject));
  assert.match(mail.subject, /^Reply to your request «Broken street light»/);
  assert.match(mail.text, /The municipality replied to your request/);
  const notes = await english.get('/notifications');
  assert.match(notes.body, /Reply to your request «Broken street light»/);

  const greek = await as('volunteer');
  await fileAndReply(greek, 'Σπασμένο φανάρι');
  const el = await sink.waitForMail((m) => m.toAddresses.includes(demo.volunteer.email) && /Σπασμένο φανάρι/.test(m.subject) && /Απάντηση/.test(m.subject));
  assert.match(el.subject, /^Απάντηση στο αίτημά σας «Σπασμένο φανάρι»/);
  assert.match(el.from, /^"?Δήμος Καλαμάτας"? </, 'the mail comes from the municipality by name');
});

test('an invitation to an account that chose English is in English', async () => {
  const member = await as('org_member');
  await member.submit('/lang', { lang: 'en', return: '/' }, { formPath: '/' });
  const admin = await as('tenant_admin');
  const res = await admin.submit('/admin/people/invite', { email: demo.org_member.email, display_name: 'Νίκος Ιωάννου', role: 'auditor', unit_id: '' });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(demo.org_member.email) && /platform/.test(m.subject));
  assert.match(mail.subject, /^A role on the platform — Municipality of Kalamata$/);
  assert.match(mail.text, /gave you a role on its platform: Auditor \/ DPO/);
});
