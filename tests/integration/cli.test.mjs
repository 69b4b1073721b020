// The operator's command line: help texts, the demo guard, idempotent migrations, and the
// all-or-nothing municipality CSV import.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDatabase, runBinary } from './lib/server.mjs';

let dir;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'synergeia-cli-')); });
after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

// Never let a developer's shell decide whether demo mode is on.
const run = (args, opts = {}) => runBinary(args, { check: false, cwd: dir, ...opts, env: { SYNERGEIA_DEMO: '0', ...(opts.env || {}) } });

async function freshDb() {
  const db = await createDatabase();
  const m = await run(['migrate', '--db', db.url]);
  assert.equal(m.code, 0, m.stderr);
  return db;
}

describe('help', () => {
  test('synergeia --help lists every subcommand', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const sub of ['serve', 'migrate', 'seed', 'user', 'tenant', 'audit']) {
      assert.match(r.stdout, new RegExp(`^\\s+${sub}\\s+\\S`, 'm'), `--help lists and describes ${sub}`);
    }
    assert.match(r.stdout, /--config/);
  });

  const subcommands = [
    [['serve'], /Serve the web site/, ['--listen', '--db']],
    [['migrate'], /migrations/, ['--db']],
    [['seed'], /Load data/, ['--demo', '--logins-file', '--db']],
    [['user'], /Manage accounts/, ['add']],
    [['user', 'add'], /verified account/, ['--email', '--password-file', '--role', '--tenant']],
    [['tenant'], /Manage municipalities/, ['add', 'import']],
    [['tenant', 'add'], /one municipality/, ['--elstat', '--name', '--slug', '--host']],
    [['tenant', 'import'], /CSV \(elstat_code,municipality,nuts2,region\)/, ['file', '--db']],
    [['audit'], /Audit log/, ['verify']],
    [['audit', 'verify'], /hash chain/, ['--db']],
  ];
  for (const [words, purpose, options] of subcommands) {
    test(`synergeia ${words.join(' ')} --help explains itself`, async () => {
      const r = await run([...words, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, purpose);
      assert.match(r.stdout, new RegExp(`Usage: synergeia ${words.join(' ')}\\b`));
      for (const o of options) assert.ok(r.stdout.includes(o), `${words.join(' ')} --help mentions ${o}`);
    });
  }

  test('no subcommand, or an unknown one, is an error', async () => {
    const none = await run([]);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr + none.stdout, /subcommand is required/i);
    const unknown = await run(['frobnicate']);
    assert.notEqual(unknown.code, 0);
  });
});

describe('seed --demo', () => {
  test('is refused without SYNERGEIA_DEMO=1 and creates nothing', async () => {
    const db = await freshDb();
    try {
      const logins = join(dir, 'refused-logins.txt');
      const r = await run(['seed', '--demo', '--db', db.url, '--logins-file', logins]);
      assert.notEqual(r.code, 0, 'refused');
      assert.match(r.stderr, /SYNERGEIA_DEMO=1/, 'the refusal says how to allow it');
      assert.equal(existsSync(logins), false, 'no log-ins file');
      // No municipality was created: an account cannot be attached to kalamata.
      const pw = join(dir, 'pw-seed');
      await writeFile(pw, 'αρκετά μεγάλος κωδικός\n');
      const u = await run(['user', 'add', '--email', 'x@example.gr', '--password-file', pw, '--role', 'staff', '--tenant', 'kalamata', '--db', db.url]);
      assert.notEqual(u.code, 0);
      assert.match(u.stderr, /no municipality with slug 'kalamata'/);

      // With the switch it works, and a second run changes nothing.
      const ok = await run(['seed', '--demo', '--db', db.url, '--logins-file', logins], { env: { SYNERGEIA_DEMO: '1' } });
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(existsSync(logins));
      const again = await run(['seed', '--demo', '--db', db.url, '--logins-file', logins], { env: { SYNERGEIA_DEMO: '1' } });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /already present/);
      const u2 = await run(['user', 'add', '--email', 'x@example.gr', '--password-file', pw, '--role', 'staff', '--tenant', 'kalamata', '--db', db.url]);
      assert.equal(u2.code, 0, u2.stderr);
    } finally {
      await db.drop();
    }
  });

  test('seed without --demo says what it needs', async () => {
    const db = await freshDb();
    try {
      const r = await run(['seed', '--db', db.url], { env: { SYNERGEIA_DEMO: '1' } });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /--demo/);
    } finally {
      await db.drop();
    }
  });
});

describe('migrate', () => {
  test('runs once, then again with nothing to do', async () => {
    const db = await createDatabase();
    try {
      const first = await run(['migrate', '--db', db.url]);
      assert.equal(first.code, 0, first.stderr);
      const applied = first.stdout.match(/^applied \S+$/gm) || [];
      assert.ok(applied.length >= 3, `the first run applies the migrations:\n${first.stdout}`);
      const second = await run(['migrate', '--db', db.url]);
      assert.equal(second.code, 0, second.stderr);
      assert.doesNotMatch(second.stdout, /^applied /m, 'the second run applies nothing');
      assert.match(second.stdout, /up to date/);
      // The schema is usable after both runs.
      const t = await run(['tenant', 'add', '--elstat', '4401', '--name', 'Καλαμάτας', '--db', db.url]);
      assert.equal(t.code, 0, t.stderr);
    } finally {
      await db.drop();
    }
  });
});

describe('tenant', () => {
  let db;
  before(async () => { db = await freshDb(); });
  after(() => db?.drop());

  const csv = async (name, lines) => {
    const path = join(dir, name);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };
  const HEADER = 'elstat_code,municipality,nuts2,region';

  test('import reads a CSV, and importing it again adds nothing', async () => {
    const file = await csv('good.csv', [
      HEADER,
      '4701,ΠΕΡΙΣΤΕΡΙΟΥ,EL30,ΑΤΤΙΚΗΣ',
      '',
      '6101,ΗΡΑΚΛΕΙΟΥ,EL43,ΚΡΗΤΗΣ',
    ]);
    const r = await run(['tenant', 'import', file, '--db', db.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported 2 municipalities \(0 already present\)/);
    const again = await run(['tenant', 'import', file, '--db', db.url]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /imported 0 municipalities \(2 already present\)/, 'they are in the database');
  });

  test('a CSV with one bad row imports nothing and names the line', async () => {
    const bad = await csv('bad.csv', [
      HEADER,
      '5101,ΚΑΒΑΛΑΣ,EL51,ΑΝΑΤΟΛΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ ΚΑΙ ΘΡΑΚΗΣ',
      '51O2,ΔΡΑΜΑΣ,EL51,ΑΝΑΤΟΛΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ ΚΑΙ ΘΡΑΚΗΣ',
      '5103,ΞΑΝΘΗΣ,EL51,ΑΝΑΤΟΛΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ ΚΑΙ ΘΡΑΚΗΣ',
    ]);
    const r = await run(['tenant', 'import', bad, '--db', db.url]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /bad\.csv line 3\b/, `the error names line 3: ${r.stderr}`);
    assert.match(r.stderr, /ELSTAT/);

    const shortRow = await csv('short.csv', [HEADER, '5201,ΣΕΡΡΩΝ,EL52']);
    const r2 = await run(['tenant', 'import', shortRow, '--db', db.url]);
    assert.notEqual(r2.code, 0);
    assert.match(r2.stderr, /short\.csv line 2: expected 4 fields/);

    const header = await csv('header.csv', ['code,name,nuts2,region', '5201,ΣΕΡΡΩΝ,EL52,ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ']);
    const r3 = await run(['tenant', 'import', header, '--db', db.url]);
    assert.notEqual(r3.code, 0);
    assert.match(r3.stderr, /header/);

    // Nothing from bad.csv got in, not even the good row before the bad one.
    const fixed = await csv('fixed.csv', [
      HEADER,
      '5101,ΚΑΒΑΛΑΣ,EL51,ΑΝΑΤΟΛΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ ΚΑΙ ΘΡΑΚΗΣ',
      '5103,ΞΑΝΘΗΣ,EL51,ΑΝΑΤΟΛΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ ΚΑΙ ΘΡΑΚΗΣ',
      '5201,ΣΕΡΡΩΝ,EL52,ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ',
    ]);
    const r4 = await run(['tenant', 'import', fixed, '--db', db.url]);
    assert.equal(r4.code, 0, r4.stderr);
    assert.match(r4.stdout, /imported 3 municipalities \(0 already present\)/);
  });

  test('tenant add refuses a bad ELSTAT code and a duplicate one', async () => {
    const bad = await run(['tenant', 'add', '--elstat', '44-01', '--name', 'Καλαμάτας', '--db', db.url]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ELSTAT/);
    const ok = await run(['tenant', 'add', '--elstat', '4401', '--name', 'Καλαμάτας', '--slug', 'kalamata', '--db', db.url]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /created municipality \d+ \(kalamata\)/);
    const dup = await run(['tenant', 'add', '--elstat', '4401', '--name', 'Καλαμάτας', '--slug', 'kalamata-2', '--db', db.url]);
    assert.notEqual(dup.code, 0, 'one municipality per ELSTAT code');
  });

  test('user add checks its input and the audit chain stays intact', async () => {
    const pw = join(dir, 'pw-user');
    await writeFile(pw, 'αρκετά μεγάλος κωδικός\n');
    const badRole = await run(['user', 'add', '--email', 'a@example.gr', '--password-file', pw, '--role', 'emperor', '--tenant', 'kalamata', '--db', db.url]);
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /unknown role 'emperor'/);
    const shortPw = join(dir, 'pw-short');
    await writeFile(shortPw, 'short\n');
    const weak = await run(['user', 'add', '--email', 'a@example.gr', '--password-file', shortPw, '--role', 'staff', '--tenant', 'kalamata', '--db', db.url]);
    assert.notEqual(weak.code, 0);
    assert.match(weak.stderr, /at least 10 characters/);
    const ok = await run(['user', 'add', '--email', 'a@example.gr', '--password-file', pw, '--role', 'staff', '--tenant', 'kalamata', '--db', db.url]);
    assert.equal(ok.code, 0, ok.stderr);
    const verify = await run(['audit', 'verify', '--db', db.url]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /intact/);
  });
});
