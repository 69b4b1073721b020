// Every decision of municipal staff writes one audit entry, read back as the auditor reads it
// (GET /api/v1/audit): the registry's decisions on an organisation (verify, return with reasons,
// suspend, reinstate, renew, dissolve; through the review page's form and through the JSON API)
// and the status changes of a request (acknowledge, assign, reassign, start, resolve, reject,
// close; merge; bulk assignment; through the staff page's forms and through the JSON API). Each
// entry must name the member of staff who decided, the action, the object, the state before and
// after, and the details of the decision (checklist, reasons, department, assignee…). A decision
// that is refused writes nothing. Runs on SQLite or PostgreSQL (SYNERGEIA_TEST_DB_BACKEND), on the
// demo municipality.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { HttpClient } from './lib/server.mjs';
import { useDemoServer } from './lib/demo.mjs';

const RUN = `${process.pid}${Date.now().toString(36)}`;

const env = useDemoServer();

// ---------------------------------------------------------------- helpers

const as = (role) => env.as(role);

function api(c, method, path, json) {
  return c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });
}

function ok(res, status, what) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.body.slice(0, 500)}`);
  return res.json();
}

function errorSummary(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? m[0] : '';
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Every audit entry whose action starts with `prefix`, oldest first, as the auditor reads them (all pages). */
async function auditEntries(prefix) {
  const auditor = await as('auditor');
  const items = [];
  let url = `/api/v1/audit?action=${encodeURIComponent(prefix)}&limit=200`;
  for (let page = 0; page < 100; page += 1) {
    const res = await auditor.get(url);
    assert.equal(res.status, 200, `${url}: ${res.status} ${res.body.slice(0, 300)}`);
    assert.match(res.headers.get('content-type') || '', /^application\/json/);
    const body = res.json();
    items.push(...body.items);
    if (!body.next) return items.sort((a, b) => a.id - b.id);
    url = `/api/v1/audit?action=${encodeURIComponent(prefix)}&limit=200&cursor=${body.next}`;
  }
  throw new Error('audit paging did not end');
}

/** The audit entries about one object ("organisation:12", "request:7"), oldest first. */
async function entriesAbout(subject) {
  const prefix = subject.startsWith('organisation:') ? 'registry.' : 'requests.';
  return (await auditEntries(prefix)).filter((e) => e.subject === subject);
}

/**
 * Runs `act` (a decision) and returns the audit entries about `subject` it added, after checking
 * their common fields: the actor, the subject, a time within the decision, a hash.
 */
async function decision(subject, actor, act) {
  const before = await entriesAbout(subject);
  const lastId = before.length ? before[before.length - 1].id : 0;
  const t0 = nowSeconds();
  await act();
  const t1 = nowSeconds();
  const added = (await entriesAbout(subject)).filter((e) => e.id > lastId);
  for (const e of added) {
    assert.equal(e.actor_user_id, actor.userId, `${e.action}: the actor is the member of staff who decided`);
    assert.equal(e.subject, subject);
    assert.ok(e.at >= t0 - 1 && e.at <= t1 + 1, `${e.action}: recorded at the time of the decision (${e.at} not in ${t0}…${t1})`);
    assert.match(e.hash || '', /^[0-9a-f]{16,}$/i, `${e.action}: the entry is sealed with a hash`);
    assert.equal(typeof e.details, 'object', `${e.action}: details are a JSON object`);
    assert.ok(e.details !== null && !Array.isArray(e.details));
  }
  return added;
}

/** Exactly one entry was added, with this action; returns it. */
function one(added, action) {
  assert.deepEqual(added.map((e) => e.action), [action], `one ${action} entry: ${JSON.stringify(added)}`);
  return added[0];
}

// ---------------------------------------------------------------- registry

const FULL_CHECKLIST = { documents_present: '1', afm_valid: '1', seat_in_municipality: '1', no_duplicate: '1' };
const ALL_TRUE = { documents_present: true, afm_valid: true, seat_in_municipality: true, no_duplicate: true };

let orgCounter = 0;
/** An informal group (no ΑΦΜ or documents needed) created and submitted by the demo org admin. */
async function submittedOrganisation(name) {
  const orgAdmin = await as('org_admin');
  orgCounter += 1;
  const created = ok(await api(orgAdmin, 'POST', '/api/v1/organisations', {
    official_name: `${name} ${RUN} ${orgCounter}`, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'],
  }), 201, 'create an organisation');
  const subject = `organisation:${created.id}`;
  const added = await decision(subject, orgAdmin, async () => {
    assert.equal(ok(await api(orgAdmin, 'POST', `/api/v1/organisations/${created.id}/submit`, {}), 200, 'submit').state, 'submitted');
  });
  const e = one(added, 'registry.submit');
  assert.equal(e.details.from, 'draft');
  assert.equal(e.details.to, 'submitted');
  return { id: created.id, subject };
}

/** Fills the decision form of the review page like a person would. */
function decideByForm(c, id, fields) {
  const review = `/admin/organisations/${id}`;
  return c.submit(`${review}/decision`, fields, { formPath: review });
}

async function decideByFormOk(c, id, fields) {
  const res = await decideByForm(c, id, fields);
  assert.equal(res.status, 303, `${fields.decision}: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 400)}`);
}

async function stateOfOrganisation(id) {
  return ok(await (await as('staff')).get(`/api/v1/organisations/${id}`), 200, 'read the organisation').state;
}

describe('registry decisions are audited', () => {
  test('verify, suspend, reinstate, renew (the review form) and dissolve (the API): one entry each', async () => {
    const staff = await as('staff');
    const org = await submittedOrganisation('Ομάδα Ελέγχου Αποφάσεων');

    // A refused decision (no checklist) writes nothing.
    const refused = await decision(org.subject, staff, async () => {
      assert.equal((await decideByForm(staff, org.id, { decision: 'verify' })).status, 422);
    });
    assert.deepEqual(refused, [], 'a refused verification is not audited');
    assert.equal(await stateOfOrganisation(org.id), 'submitted');

    let e = one(await decision(org.subject, staff, () => decideByFormOk(staff, org.id, { decision: 'verify', ...FULL_CHECKLIST })), 'registry.verify');
    assert.equal(e.details.from, 'submitted');
    assert.equal(e.details.to, 'verified');
    assert.deepEqual(e.details.checklist, ALL_TRUE, 'the checklist the staff member ticked');
    assert.equal(e.details.reasons, undefined, 'no reasons were given');
    assert.equal(await stateOfOrganisation(org.id), 'verified');

    const suspendReasons = [`Δεν ανανεώθηκε το διοικητικό συμβούλιο (${RUN}).`, 'Καταγγελία για τη δραστηριότητα.'];
    e = one(await decision(org.subject, staff, () => decideByFormOk(staff, org.id, { decision: 'suspend', reasons: suspendReasons.join('\r\n') })),
      'registry.suspend');
    assert.equal(e.details.from, 'verified');
    assert.equal(e.details.to, 'suspended');
    assert.deepEqual(e.details.reasons, suspendReasons, 'every reason, one per line');
    assert.equal(await stateOfOrganisation(org.id), 'suspended');

    e = one(await decision(org.subject, staff, () => decideByFormOk(staff, org.id, { decision: 'reinstate' })), 'registry.reinstate');
    assert.equal(e.details.from, 'suspended');
    assert.equal(e.details.to, 'verified');

    e = one(await decision(org.subject, staff, () => decideByFormOk(staff, org.id, { decision: 'renew', ...FULL_CHECKLIST })), 'registry.renew');
    assert.equal(e.details.from, 'verified');
    assert.equal(e.details.to, 'verified');
    assert.deepEqual(e.details.checklist, ALL_TRUE);

    // The tenant admin dissolves it through the JSON API.
    const admin = await as('tenant_admin');
    e = one(await decision(org.subject, admin, async () => {
      const res = ok(await api(admin, 'POST', `/api/v1/organisations/${org.id}/decision`, { decision: 'dissolve', reasons: ['Διαλύθηκε με απόφαση της γενικής συνέλευσης.'] }), 200, 'dissolve');
      assert.equal(res.state, 'dissolved');
    }), 'registry.dissolve');
    assert.equal(e.details.from, 'verified');
    assert.equal(e.details.to, 'dissolved');
    assert.deepEqual(e.details.reasons, ['Διαλύθηκε με απόφαση της γενικής συνέλευσης.']);

    // A decision the lifecycle forbids (a dissolved organisation cannot be suspended) writes nothing.
    const forbidden = await decision(org.subject, admin, async () => {
      const res = await api(admin, 'POST', `/api/v1/organisations/${org.id}/decision`, { decision: 'suspend', reasons: ['x'] });
      assert.equal(res.status, 422, res.body.slice(0, 300));
    });
    assert.deepEqual(forbidden, [], 'a forbidden decision is not audited');

    // The whole story, in order, as the auditor reads it.
    const story = (await entriesAbout(org.subject)).map((x) => `${x.action}:${x.details.from ?? ''}>${x.details.to}`);
    assert.deepEqual(story, [
      'registry.create:>draft', 'registry.submit:draft>submitted', 'registry.verify:submitted>verified', 'registry.suspend:verified>suspended',
      'registry.reinstate:suspended>verified', 'registry.renew:verified>verified', 'registry.dissolve:verified>dissolved',
    ]);
  });

  test('returning to the applicant (the form, and the API) records the reasons', async () => {
    const staff = await as('staff');
    const org = await submittedOrganisation('Σύλλογος Επιστροφής');
    const refused = await decision(org.subject, staff, async () => {
      assert.equal((await decideByForm(staff, org.id, { decision: 'return_with_reasons', reasons: ' \r\n ' })).status, 422);
    });
    assert.deepEqual(refused, [], 'a return without reasons is refused and not audited');

    const reasons = [`Λείπει το καταστατικό με τις υπογραφές (${RUN}).`, 'Η διεύθυνση της έδρας δεν είναι πλήρης.'];
    const e = one(await decision(org.subject, staff,
      () => decideByFormOk(staff, org.id, { decision: 'return_with_reasons', reasons: reasons.join('\r\n') })), 'registry.return_with_reasons');
    assert.equal(e.details.from, 'submitted');
    assert.equal(e.details.to, 'returned');
    assert.deepEqual(e.details.reasons, reasons);
    assert.equal(await stateOfOrganisation(org.id), 'returned');

    // Through the API ("return" is the API's name for it), with a personal token.
    const other = await submittedOrganisation('Παρέα Επιστροφής μέσω API');
    const page = await staff.request('POST', '/account/tokens', { form: { token_name: `audit ${RUN}`, _csrf: staff.csrfToken } });
    const token = /<code class="token">([^<]+)<\/code>/.exec(page.body)?.[1];
    assert.ok(token, `a token was shown: ${page.status}`);
    const bot = new HttpClient(env.srv.baseUrl, { headers: { authorization: `Bearer ${token}` } });
    const e2 = one(await decision(other.subject, staff, async () => {
      const res = ok(await bot.request('POST', `/api/v1/organisations/${other.id}/decision`,
        { json: { decision: 'return', reasons: ['Το ΑΦΜ δεν αντιστοιχεί στην επωνυμία.'] } }), 200, 'return through the API');
      assert.equal(res.state, 'returned');
    }), 'registry.return_with_reasons');
    assert.equal(e2.details.from, 'submitted');
    assert.equal(e2.details.to, 'returned');
    assert.deepEqual(e2.details.reasons, ['Το ΑΦΜ δεν αντιστοιχεί στην επωνυμία.']);
  });

  test('an internal note is audited without its text', async () => {
    const staff = await as('staff');
    const org = await submittedOrganisation('Σύλλογος Σημειώσεων');
    const text = `Μίλησα με την πρόεδρο, κα Παπαδοπούλου, στο 6971234567 (${RUN}).`;
    const e = one(await decision(org.subject, staff, async () => {
      const res = await staff.submit(`/admin/organisations/${org.id}/notes`, { note: text }, { formPath: `/admin/organisations/${org.id}` });
      assert.equal(res.status, 303, `note: ${res.status}`);
    }), 'registry.note');
    assert.ok(!JSON.stringify(e).includes('6971234567') && !JSON.stringify(e).includes(RUN), 'the note may name people: its text stays out of the log');
  });
});

// ---------------------------------------------------------------- requests

async function fileRequest(title, { isPublic = true } = {}) {
  const citizen = await as('citizen');
  const body = ok(await api(citizen, 'POST', '/api/v1/requests', {
    type: 'local-problem', title: `${title} (${RUN})`, description: 'Στην πλατεία, δίπλα στη βρύση.',
    address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', postal_code: '24100', latitude: 37.0375, longitude: 22.1139, is_public: isPublic,
  }), 201, 'file a request');
  assert.equal(body.state, 'submitted');
  return { id: body.id, department: body.department.id, subject: `request:${body.id}` };
}

/** A transition through the staff page's form, as a person would: the CSRF token of the request's page. */
function transitionByForm(c, id, fields) {
  return c.submit(`/admin/requests/${id}/transition`, fields, { formPath: `/admin/requests/${id}` });
}

async function transitionByFormOk(c, id, fields) {
  const res = await transitionByForm(c, id, fields);
  assert.equal(res.status, 303, `${fields.event} of ${id}: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 400)}`);
}

async function transitionByApiOk(c, id, body) {
  return ok(await api(c, 'POST', `/api/v1/requests/${id}/transitions`, body), 200, `${body.event} of ${id}`);
}

async function requestState(id) {
  return ok(await (await as('tenant_admin')).get(`/api/v1/requests/${id}`), 200, 'read the request').state;
}

describe('request transitions are audited', () => {
  test('acknowledge, assign, start, reassign, resolve and close: one entry each, with the details', async () => {
    const staff = await as('staff');       // in the technical department, which answers local problems
    const admin = await as('tenant_admin');
    const req = await fileRequest('Σπασμένο παγκάκι στην πλατεία');

    // A transition the workflow forbids writes nothing.
    const refused = await decision(req.subject, staff, async () => {
      assert.equal((await transitionByForm(staff, req.id, { event: 'close' })).status, 422);
    });
    assert.deepEqual(refused, [], 'a refused transition is not audited');

    let e = one(await decision(req.subject, staff, () => transitionByFormOk(staff, req.id, { event: 'acknowledge' })), 'requests.acknowledge');
    assert.deepEqual(e.details, { from: 'submitted', to: 'acknowledged' });

    e = one(await decision(req.subject, staff, () => transitionByFormOk(staff, req.id,
      { event: 'assign', department_id: String(req.department), assignee_user_id: String(staff.userId) })), 'requests.assign');
    assert.equal(e.details.from, 'acknowledged');
    assert.equal(e.details.to, 'assigned');
    assert.equal(e.details.department_id, req.department);
    assert.equal(e.details.assignee_user_id, staff.userId);
    assert.equal(e.details.reassignment, undefined, 'a first assignment');

    e = one(await decision(req.subject, admin, () => transitionByApiOk(admin, req.id, { event: 'start' })), 'requests.start');
    assert.deepEqual(e.details, { from: 'assigned', to: 'in_progress' });

    // Reassignment through the API, to the department without a person.
    e = one(await decision(req.subject, admin, async () => {
      const body = await transitionByApiOk(admin, req.id, { event: 'assign', department_id: req.department });
      assert.equal(body.state, 'assigned');
    }), 'requests.assign');
    assert.equal(e.details.from, 'in_progress');
    assert.equal(e.details.to, 'assigned');
    assert.equal(e.details.department_id, req.department);
    assert.equal(e.details.assignee_user_id, undefined, 'nobody in particular');
    assert.equal(e.details.reassignment, true);

    const note = `Το παγκάκι αντικαταστάθηκε (${RUN}).`;
    e = one(await decision(req.subject, staff, () => transitionByFormOk(staff, req.id, { event: 'resolve', reason: note })), 'requests.resolve');
    assert.deepEqual(e.details, { from: 'assigned', to: 'resolved', reason: note });
    assert.equal(await requestState(req.id), 'resolved');

    e = one(await decision(req.subject, admin, () => transitionByApiOk(admin, req.id, { event: 'close' })), 'requests.close');
    assert.deepEqual(e.details, { from: 'resolved', to: 'closed' });
    assert.equal(await requestState(req.id), 'closed');

    const story = (await entriesAbout(req.subject)).map((x) => `${x.action}:${x.details.from}>${x.details.to}:${x.actor_user_id}`);
    assert.deepEqual(story, [
      `requests.acknowledge:submitted>acknowledged:${staff.userId}`, `requests.assign:acknowledged>assigned:${staff.userId}`,
      `requests.start:assigned>in_progress:${admin.userId}`, `requests.assign:in_progress>assigned:${admin.userId}`,
      `requests.resolve:assigned>resolved:${staff.userId}`, `requests.close:resolved>closed:${admin.userId}`,
    ], 'the whole story, in order, nothing more');
  });

  test('a rejection records its reason (the API), and the form', async () => {
    const staff = await as('staff');
    const admin = await as('tenant_admin');
    const req = await fileRequest('Αίτημα εκτός αρμοδιότητας');
    const refused = await decision(req.subject, admin, async () => {
      assert.equal((await api(admin, 'POST', `/api/v1/requests/${req.id}/transitions`, { event: 'reject' })).status, 422);
    });
    assert.deepEqual(refused, [], 'a rejection without a reason is refused and not audited');

    const reason = `Ο δρόμος ανήκει στην Περιφέρεια, όχι στον Δήμο (${RUN}).`;
    let e = one(await decision(req.subject, admin, () => transitionByApiOk(admin, req.id, { event: 'reject', reason })), 'requests.reject');
    assert.deepEqual(e.details, { from: 'submitted', to: 'rejected', reason });
    assert.equal(await requestState(req.id), 'rejected');

    const other = await fileRequest('Άλλο αίτημα εκτός αρμοδιότητας');
    await transitionByFormOk(staff, other.id, { event: 'acknowledge' });
    e = one(await decision(other.subject, staff, () => transitionByFormOk(staff, other.id, { event: 'reject', reason: 'Διπλή υποβολή.' })), 'requests.reject');
    assert.deepEqual(e.details, { from: 'acknowledged', to: 'rejected', reason: 'Διπλή υποβολή.' });
  });

  test('merging a duplicate is audited on the duplicate, naming both requests', async () => {
    const staff = await as('staff');
    const original = await fileRequest('Λακκούβα στην Αριστομένους');
    const duplicate = await fileRequest('Λακκούβα στην οδό Αριστομένους');
    const e = one(await decision(duplicate.subject, staff, async () => {
      const res = await staff.submit(`/admin/requests/${duplicate.id}/merge`, { into: String(original.id) },
        { formPath: `/admin/requests/${duplicate.id}` });
      assert.equal(res.status, 303, `merge: ${res.status}\n${errorSummary(res.body)}`);
    }), 'requests.merge');
    assert.equal(e.details.duplicate, duplicate.id);
    assert.equal(e.details.into, original.id);
    assert.equal(await requestState(duplicate.id), 'closed');
  });

  test('a merge entry says which state the duplicate left (as every other transition does)', async () => {
    const staff = await as('staff');
    const original = await fileRequest('Σβηστή λάμπα στη Φαρών');
    const duplicate = await fileRequest('Σβηστή λάμπα στην οδό Φαρών');
    await transitionByFormOk(staff, duplicate.id, { event: 'acknowledge' });
    const e = one(await decision(duplicate.subject, staff, async () => {
      const res = await staff.submit(`/admin/requests/${duplicate.id}/merge`, { into: String(original.id) },
        { formPath: `/admin/requests/${duplicate.id}` });
      assert.equal(res.status, 303);
    }), 'requests.merge');
    assert.equal(e.details.from, 'acknowledged');
    assert.equal(e.details.to, 'closed');
  });

  test('a bulk assignment writes an entry per request and per step', async () => {
    const staff = await as('staff');
    const fresh = await fileRequest('Ξεχειλισμένοι κάδοι στην παραλία');
    const acked = await fileRequest('Καμένη λάμπα στην παραλία');
    await transitionByFormOk(staff, acked.id, { event: 'acknowledge' });

    const queue = await staff.get('/admin/requests');
    assert.equal(queue.status, 200);
    const t0 = nowSeconds();
    const beforeFresh = await entriesAbout(fresh.subject);
    const beforeAcked = await entriesAbout(acked.subject);
    const res = await staff.submit('/admin/requests/bulk-assign', [
      ['ids', String(fresh.id)], ['ids', String(acked.id)],
      ['department_id', String(fresh.department)], ['assignee_user_id', String(staff.userId)],
    ], { formPath: '/admin/requests' });
    assert.equal(res.status, 303, `bulk assign: ${res.status}\n${errorSummary(res.body)}`);

    const newFresh = (await entriesAbout(fresh.subject)).slice(beforeFresh.length);
    const newAcked = (await entriesAbout(acked.subject)).slice(beforeAcked.length);
    // A new request is acknowledged on the way: two decisions, two entries.
    assert.deepEqual(newFresh.map((x) => [x.action, x.details.from, x.details.to]),
      [['requests.acknowledge', 'submitted', 'acknowledged'], ['requests.assign', 'acknowledged', 'assigned']]);
    assert.deepEqual(newAcked.map((x) => [x.action, x.details.from, x.details.to]), [['requests.assign', 'acknowledged', 'assigned']]);
    for (const x of [...newFresh, ...newAcked]) {
      assert.equal(x.actor_user_id, staff.userId);
      assert.ok(x.at >= t0 - 1);
      if (x.action === 'requests.assign') {
        assert.equal(x.details.department_id, fresh.department);
        assert.equal(x.details.assignee_user_id, staff.userId);
      }
    }
  });

  test("the requester's reopening of a resolved request is audited", async () => {
    const admin = await as('tenant_admin');
    const citizen = await as('citizen');
    const req = await fileRequest('Βουλωμένο φρεάτιο');
    await transitionByApiOk(admin, req.id, { event: 'resolve' });
    const e = one(await decision(req.subject, citizen, async () => {
      const body = await transitionByApiOk(citizen, req.id, { event: 'reopen' });
      assert.equal(body.state, 'in_progress');
    }), 'requests.reopen');
    assert.deepEqual(e.details, { from: 'resolved', to: 'in_progress' });
  });
});
