// The municipal staff's side of the organisation registry, end to end on the real
// binary, on SQLite or PostgreSQL (SYNERGEIA_TEST_DB_BACKEND): the queue, the review page, the
// verification checklist and decisions, internal notes, history and the CSV import page.
// Two municipalities share one install (path tenancy), so that staff of one are shown to be
// unable to touch an organisation of the other.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';

import { startServer, HttpClient, extractCsrf, saveHtml, demoDatabase } from './lib/server.mjs';
import { loginOk } from './lib/flows.mjs';

const PASSWORD = 'κωδικός δήμου 2024';
const SPARTI_STAFF = 'ypallilos@sparti.test';

let db;
let dir;
let srv;
let demo;   // role → {email, password} in kalamata

const at = (slug, path) => `/m/${slug}${path}`;
const kal = (path) => at('kalamata', path);

before(async () => {
  const made = await demoDatabase({ prefix: 'registry-review', password: PASSWORD });
  ({ db, dir, demo } = made);
  const { cli, pwFile } = made;
  await cli('tenant', 'add', '--elstat', '4501', '--name', 'Σπάρτης', '--name-en', 'Sparti', '--slug', 'sparti');
  await cli('user', 'add', '--email', SPARTI_STAFF, '--password-file', pwFile, '--role', 'staff', '--tenant', 'sparti',
    '--name', 'Υπάλληλος Σπάρτης');
  srv = await startServer({ db, migrate: false, env: { SYNERGEIA_TENANCY: 'path' } });
});

after(async () => {
  await srv?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A client logged in as the demo account of `role` (or {email, password}), in `slug`. */
async function as(who, slug = 'kalamata') {
  const c = new HttpClient(srv.baseUrl);
  const { email, password } = typeof who === 'string' ? demo[who] : who;
  await loginOk(c, email, password, { prefix: `/m/${slug}` });
  return c;
}

/** The API's JSON writes need the session's CSRF token in a header. */
async function apiPost(c, path, body, slug) {
  const token = await c.csrf(at(slug, '/account'));
  return c.request('POST', path, { json: body, headers: { 'x-csrf-token': token } });
}

let counter = 0;
/** Creates an informal group (no ΑΦΜ or documents needed) as `c` in `slug` and submits it. */
async function submittedOrganisation(c, slug, name) {
  counter += 1;
  const official = `${name} ${process.pid} ${counter}`;
  const created = await apiPost(c, at(slug, '/api/v1/organisations'), {
    official_name: official, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'],
  }, slug);
  assert.equal(created.status, 201, `create in ${slug}: ${created.status} ${created.body.slice(0, 400)}`);
  const { id, slug: orgSlug } = created.json();
  const submitted = await apiPost(c, at(slug, `/api/v1/organisations/${id}/submit`), {}, slug);
  assert.equal(submitted.status, 200, `submit: ${submitted.status} ${submitted.body.slice(0, 400)}`);
  assert.equal(submitted.json().state, 'submitted');
  return { id, slug: orgSlug, name: official };
}

const FULL_CHECKLIST = { documents_present: '1', afm_valid: '1', seat_in_municipality: '1', no_duplicate: '1' };

/** Fills the decision form on the review page like a person would. */
async function decide(c, slug, id, fields) {
  const review = at(slug, `/admin/organisations/${id}`);
  return c.submit(`${review}/decision`, fields, { formPath: review });
}

/** The state tag's colour in the review page's status section (blue submitted, green verified, yellow returned…). */
function stateOf(html) {
  const m = /<h2>Κατάσταση<\/h2>[\s\S]*?<strong class="tag tag--(\w+)">/.exec(html);
  assert.ok(m, 'the review page has a status section');
  return m[1];
}

function errorSummary(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? m[0] : '';
}

describe('organisation review by municipal staff', () => {
  let orgAdmin;
  let staff;
  let org;      // submitted in kalamata
  let other;    // submitted in sparti

  before(async () => {
    orgAdmin = await as('org_admin');
    staff = await as('staff');
    org = await submittedOrganisation(orgAdmin, 'kalamata', 'Ομάδα Γειτονιάς Αγίου Νικολάου');
    other = await submittedOrganisation(orgAdmin, 'sparti', 'Παρέα Φίλων του Ταϋγέτου');
  });

  test('the queue lists what was submitted here, with links, and no other municipality\'s', async () => {
    const page = await staff.get(kal('/admin/organisations'));
    assert.equal(page.status, 200, 'submitted organisations by default');
    assert.match(page.body, /<table/);
    await saveHtml('registry-review-queue', page.body);

    // The demo's organisations fill the first pages, so look for ours by name.
    const search = await staff.get(kal(`/admin/organisations?q=${encodeURIComponent(org.name)}`));
    assert.equal(search.status, 200);
    assert.ok(search.body.includes(`href="/m/kalamata/admin/organisations/${org.id}">${org.name}</a>`),
      'the submitted organisation is in the queue, linked to its review page');
    const elsewhere = await staff.get(kal(`/admin/organisations?state=all&q=${encodeURIComponent(other.name)}`));
    assert.ok(!elsewhere.body.includes(`>${other.name}</a>`), "sparti's organisation is not in kalamata's queue");
    const partial = await staff.get(kal(`/admin/organisations?state=all&q=${encodeURIComponent('Γειτονιάς Αγίου')}`));
    assert.ok(partial.body.includes(`>${org.name}</a>`), 'part of the name finds it');
    const verified = await staff.get(kal('/admin/organisations?state=verified&q=' + encodeURIComponent(org.name)));
    assert.ok(!verified.body.includes(`>${org.name}</a>`), 'not among the verified yet');
    const bad = await staff.get(kal('/admin/organisations?state=nonsense'));
    assert.equal(bad.status, 422, 'an unknown state is refused with a message');
    assert.match(errorSummary(bad.body), /href="#state"/);
  });

  test('staff of kalamata cannot see or verify an organisation of sparti', async () => {
    assert.equal((await staff.get(kal(`/admin/organisations/${other.id}`))).status, 404, 'not found through kalamata');
    const csrf = await staff.csrf(kal('/admin/organisations'));
    const viaKalamata = await staff.post(kal(`/admin/organisations/${other.id}/decision`), { decision: 'verify', ...FULL_CHECKLIST, _csrf: csrf });
    assert.equal(viaKalamata.status, 404);
    const viaSparti = await staff.post(at('sparti', `/admin/organisations/${other.id}/decision`), { decision: 'verify', ...FULL_CHECKLIST, _csrf: csrf });
    assert.equal(viaSparti.status, 403, 'no staff role in sparti');
    assert.equal((await staff.get(at('sparti', `/admin/organisations/${other.id}`))).status, 403);
    const note = await staff.post(kal(`/admin/organisations/${other.id}/notes`), { note: 'δοκιμή', _csrf: csrf });
    assert.equal(note.status, 404);

    const spartiStaff = await as({ email: SPARTI_STAFF, password: PASSWORD }, 'sparti');
    const review = await spartiStaff.get(at('sparti', `/admin/organisations/${other.id}`));
    assert.equal(review.status, 200, "sparti's own staff see it");
    assert.equal(stateOf(review.body), 'blue', 'still submitted');
    const json = await orgAdmin.get(at('sparti', `/api/v1/organisations/${other.slug}`));
    assert.equal(json.json().state, 'submitted', 'the state did not change');
  });

  test('verifying without the checklist is refused with a message, and nothing changes', async () => {
    const res = await decide(staff, 'kalamata', org.id, { decision: 'verify' });
    assert.equal(res.status, 422);
    const summary = errorSummary(res.body);
    assert.match(summary, /href="#checklist"/, 'the summary links to the checklist');
    assert.match(summary, /Δεν έχει επιβεβαιωθεί ότι η έδρα βρίσκεται εντός του δήμου/, 'in Greek, naming the missing item');
    assert.match(res.body, /<title>Σφάλμα/, 'the title says there was an error');
    await saveHtml('registry-review-decision-error', res.body);
    const again = await staff.get(kal(`/admin/organisations/${org.id}`));
    assert.equal(stateOf(again.body), 'blue', 'still submitted');
  });

  test('returning without reasons is refused; with reasons the organisation admin sees them', async () => {
    const returned = await submittedOrganisation(orgAdmin, 'kalamata', 'Σύλλογος Φίλων Βιβλίου');
    const none = await decide(staff, 'kalamata', returned.id, { decision: 'return_with_reasons', reasons: '  \n ' });
    assert.equal(none.status, 422);
    assert.match(errorSummary(none.body), /Δώστε τουλάχιστον έναν λόγο για την επιστροφή του φορέα/);
    assert.match(errorSummary(none.body), /href="#reasons"/);

    const reasons = ['Λείπει το καταστατικό με τις υπογραφές.', 'Η διεύθυνση της έδρας δεν είναι πλήρης.'];
    const ok = await decide(staff, 'kalamata', returned.id, { decision: 'return_with_reasons', reasons: reasons.join('\r\n') });
    assert.equal(ok.status, 303, ok.body.slice(0, 400));
    const mine = await orgAdmin.get(kal(`/my/organisations/${returned.id}`));
    assert.equal(mine.status, 200);
    for (const r of reasons) assert.ok(mine.body.includes(r), `the admin sees «${r}»`);

    const review = await staff.get(kal(`/admin/organisations/${returned.id}`));
    assert.equal(stateOf(review.body), 'yellow', 'returned');
    for (const r of reasons) assert.ok(review.body.includes(r), 'the reasons are in the history');
  });

  test('verifying with the full checklist makes it verified, with the badge in the public directory', async () => {
    const review = await staff.get(kal(`/admin/organisations/${org.id}`));
    assert.equal(review.status, 200);
    assert.match(review.body, /name="decision" value="verify"/, 'verify is offered');
    assert.doesNotMatch(review.body, /value="reinstate"/, 'reinstate is not, for a submitted organisation');
    assert.match(review.body, /name="afm_valid" value="1" checked/, 'automatic checks are pre-ticked');
    assert.doesNotMatch(review.body, /name="seat_in_municipality" value="1" checked/, 'the seat is left to a person');
    await saveHtml('registry-review-page', review.body);

    const res = await decide(staff, 'kalamata', org.id, { decision: 'verify', ...FULL_CHECKLIST });
    assert.equal(res.status, 303, res.body.slice(0, 400));
    assert.equal(new URL(res.location).pathname, `/m/kalamata/admin/organisations/${org.id}`);
    const after = await staff.get(kal(`/admin/organisations/${org.id}`));
    assert.equal(stateOf(after.body), 'green', 'verified');
    assert.match(after.body, /Η απόφαση καταχωρίστηκε/, 'the flash says so');
    assert.ok(after.body.includes('Κατερίνα Δημητρίου'), "the history names the staff member");
    assert.match(after.body, /value="renew"/, 'a verified organisation can be renewed');
    assert.doesNotMatch(after.body, /value="verify"/);

    const directory = await new HttpClient(srv.baseUrl).get(kal(`/organisations?verified=1&q=${encodeURIComponent(org.name)}`));
    assert.equal(directory.status, 200);
    const item = directory.body.split('org-list__item').find((part) => part.includes(`>${org.name}</a>`));
    assert.ok(item, 'listed among the verified organisations');
    assert.match(item, /tag--green/, 'with the verified badge');
  });

  test('a citizen and an organisation admin get 403 on the back office', async () => {
    const citizen = await as('citizen');
    assert.equal((await citizen.get(kal('/admin/organisations'))).status, 403);
    assert.equal((await citizen.get(kal(`/admin/organisations/${org.id}`))).status, 403);
    assert.equal((await orgAdmin.get(kal('/admin/organisations'))).status, 403);
    assert.equal((await orgAdmin.get(kal(`/admin/organisations/${org.id}`))).status, 403, 'even for their own organisation');
    const csrf = await orgAdmin.csrf(kal('/account'));
    const self = await orgAdmin.post(kal(`/admin/organisations/${org.id}/decision`), { decision: 'suspend', _csrf: csrf });
    assert.equal(self.status, 403, 'an organisation cannot decide about itself');
    assert.equal((await new HttpClient(srv.baseUrl).get(kal('/admin/organisations'))).status, 303, 'a visitor is sent to log in');
  });

  test('an auditor can read but not decide or write notes', async () => {
    const auditor = await as('auditor');
    const queue = await auditor.get(kal('/admin/organisations?state=all'));
    assert.equal(queue.status, 200);
    const review = await auditor.get(kal(`/admin/organisations/${org.id}`));
    assert.equal(review.status, 200);
    assert.doesNotMatch(review.body, /name="decision"/, 'no decision form');
    assert.doesNotMatch(review.body, /name="note"/, 'no note form');
    const csrf = extractCsrf(review.body);
    const res = await auditor.post(kal(`/admin/organisations/${org.id}/decision`), { decision: 'suspend', reasons: 'x', _csrf: csrf });
    assert.equal(res.status, 403);
    const note = await auditor.post(kal(`/admin/organisations/${org.id}/notes`), { note: 'Σημείωση ελεγκτή', _csrf: csrf });
    assert.equal(note.status, 403);
    const still = await auditor.get(kal(`/admin/organisations/${org.id}`));
    assert.equal(stateOf(still.body), 'green', 'still verified');
    assert.ok(!still.body.includes('Σημείωση ελεγκτή'));
  });

  test('internal notes are kept for staff and never shown to the organisation', async () => {
    const text = `Τηλεφώνησα στην πρόεδρο ${process.pid}: η έδρα είναι στην Παραλία.`;
    const empty = await staff.submit(kal(`/admin/organisations/${org.id}/notes`), { note: '   ' }, { formPath: kal(`/admin/organisations/${org.id}`) });
    assert.equal(empty.status, 422, 'an empty note is refused');
    assert.match(errorSummary(empty.body), /href="#note"/);
    const res = await staff.submit(kal(`/admin/organisations/${org.id}/notes`), { note: text }, { formPath: kal(`/admin/organisations/${org.id}`) });
    assert.equal(res.status, 303, res.body.slice(0, 400));
    const review = await staff.get(kal(`/admin/organisations/${org.id}`));
    assert.ok(review.body.includes(text), 'staff see the note');

    const mine = await orgAdmin.get(kal(`/my/organisations/${org.id}`));
    assert.equal(mine.status, 200);
    assert.ok(!mine.body.includes(text), "not on the organisation's own page");
    const api = await orgAdmin.get(kal(`/api/v1/organisations/${org.slug}`));
    assert.ok(!api.body.includes(text), 'not in the API');
    const pub = await new HttpClient(srv.baseUrl).get(kal(`/organisations/${org.slug}`));
    assert.ok(!pub.body.includes(text), 'not on the public profile');
  });

  test('the CSV import page: permission, template, and a bad row imports nothing', async () => {
    assert.equal((await staff.get(kal('/admin/organisations/import'))).status, 403, 'staff may not import');
    const admin = await as('tenant_admin');
    const page = await admin.get(kal('/admin/organisations/import'));
    assert.equal(page.status, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /name="dry_run" value="1" checked/, 'a dry run is the default');
    await saveHtml('registry-review-import', page.body);
    const template = await admin.get(kal('/admin/organisations/import/template.csv'));
    assert.equal(template.status, 200);
    assert.match(template.headers.get('content-type'), /^text\/csv/);
    assert.match(template.body, /official_name/);

    const good = `Ομάδα Εθελοντών Παραλίας ${process.pid}`;
    const csv = 'official_name,kind,subtype,afm,areas,seat_address\r\n'
      + `${good},civil_society,informal_group,,culture,\r\n`
      + `Σύλλογος με λάθος ΑΦΜ ${process.pid},association,cultural,123456789,culture,Αριστομένους 1\r\n`;
    const form = new FormData();
    form.append('_csrf', extractCsrf(page.body));
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'mitroo.csv');
    const res = await admin.request('POST', kal('/admin/organisations/import'), { multipart: form });
    assert.equal(res.status, 200, res.body.slice(0, 400));
    const start = res.body.indexOf('Προβλήματα, ανά γραμμή του αρχείου');
    assert.ok(start > 0, 'the report has a table of problems');
    const problems = res.body.slice(start, res.body.indexOf('</table>', start));
    assert.match(problems, /<td[^>]*>3<\/td>/, 'the bad row is named by its line');
    assert.match(problems, /afm/);
    const queue = await admin.get(kal(`/admin/organisations?state=all&q=${encodeURIComponent(good)}`));
    assert.ok(!queue.body.includes(`>${good}</a>`), 'nothing was imported');

    const noFile = new FormData();
    noFile.append('_csrf', extractCsrf(page.body));
    const missing = await admin.request('POST', kal('/admin/organisations/import'), { multipart: noFile });
    assert.equal(missing.status, 422);
    assert.match(errorSummary(missing.body), /href="#file"/);
  });
});
