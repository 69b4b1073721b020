// The municipality's own holidays through the web, on the engine under test: the demo's
// administrator adds one with the page's form, and a request filed afterwards is due a working
// day later than the same request filed before; staff and citizens are refused the page and its
// forms; a wrong date comes back with a Greek message and nothing changes; removing it restores
// the old deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { useDemoServer } from './lib/demo.mjs';

const env = useDemoServer();
const PATH = '/admin/settings/holidays';

function api(c, method, path, json) {
  return c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });
}

/** A request of the same type each time: its due day, as the JSON API reports it ("YYYY-MM-DD"). */
async function dueOfANewRequest(title) {
  const citizen = await env.as('citizen');
  const res = await api(citizen, 'POST', '/api/v1/requests', {
    type: 'local-problem', title, description: 'Σπασμένο παγκάκι στην πλατεία.', address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', is_public: true,
  });
  assert.equal(res.status, 201, res.body.slice(0, 300));
  const due = res.json().due;
  assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
  return due;
}

const [y, m, d] = [(s) => Number(s.slice(0, 4)), (s) => Number(s.slice(5, 7)), (s) => Number(s.slice(8, 10))];
const dateFields = (day) => ({ 'date-day': String(d(day)), 'date-month': String(m(day)), 'date-year': String(y(day)) });

test('a holiday the administrator adds moves the deadline of what is filed afterwards, and removing it moves it back', async () => {
  const admin = await env.as('tenant_admin');
  const before = await dueOfANewRequest('Πριν από την αργία');
  // The due day is a working day, so not a national holiday: the municipality makes it its own.
  const added = await admin.submit(PATH, { ...dateFields(before), name: 'Μεταφορά αργίας με απόφαση' });
  assert.equal(added.status, 303, `${added.status} ${added.body.slice(0, 400)}`);
  const page = await admin.get(PATH);
  assert.equal(page.status, 200);
  assert.match(page.body, /Μεταφορά αργίας με απόφαση/);
  assert.match(page.body, /Υπαπαντή του Χριστού/, 'the demo keeps Καλαμάτα\'s patron saint');

  const after = await dueOfANewRequest('Μετά την αργία');
  assert.ok(after > before, `due ${after} after the holiday, ${before} before it`);

  const removed = await admin.submit(`${PATH}/${before}/remove`, {}, { formPath: PATH });
  assert.equal(removed.status, 303);
  assert.equal(await dueOfANewRequest('Χωρίς την αργία'), before);

  // Both changes are in the audit log, with the day and the name.
  const auditor = await env.as('auditor');
  const log = await auditor.get('/api/v1/audit?action=tenant.holiday_');
  assert.equal(log.status, 200);
  const mine = log.json().items.filter((e) => e.details.day === before);
  assert.deepEqual(mine.map((e) => e.action).sort(), ['tenant.holiday_added', 'tenant.holiday_removed']);
  assert.ok(mine.every((e) => e.actor_user_id === admin.userId && e.details.name === 'Μεταφορά αργίας με απόφαση'));
});

test('a wrong date comes back in Greek, and nothing changes', async () => {
  const admin = await env.as('tenant_admin');
  const list = (await admin.get(PATH)).body;
  const rows = (list.match(/<tr/g) || []).length;
  const res = await admin.submit(PATH, { 'date-day': '30', 'date-month': '2', 'date-year': '2027', name: 'Τριάντα Φεβρουαρίου' });
  assert.equal(res.status, 422);
  assert.match(res.body, /Αυτή η ημερομηνία δεν υπάρχει/);
  assert.match(res.body, /value="30"/, 'what was typed comes back');
  const national = await admin.submit(PATH, { 'date-day': '25', 'date-month': '3', 'date-year': '2027', name: 'Ευαγγελισμός' });
  assert.equal(national.status, 422);
  assert.match(national.body, /Αυτή η ημέρα είναι ήδη εθνική αργία/);
  assert.equal(((await admin.get(PATH)).body.match(/<tr/g) || []).length, rows);
});

test('staff and citizens are refused the page and its forms', async () => {
  const admin = await env.as('tenant_admin');
  const token = /name="_csrf" value="([^"]+)"/.exec((await admin.get(PATH)).body)[1];
  assert.ok(token);
  for (const role of ['staff', 'citizen', 'auditor']) {
    const c = await env.as(role);
    assert.equal((await c.get(PATH)).status, 403, `${role} reads the page`);
    const res = await c.request('POST', PATH, { form: { ...dateFields('2027-10-27'), name: 'Όχι', _csrf: c.csrfToken } });
    assert.equal(res.status, 403, `${role} adds a holiday: ${res.status}`);
    const gone = await c.request('POST', `${PATH}/2020-02-02/remove`, { form: { _csrf: c.csrfToken } });
    assert.equal(gone.status, 403, `${role} removes one: ${gone.status}`);
  }
  assert.match((await admin.get(PATH)).body, /Υπαπαντή του Χριστού/, 'still there');
});
