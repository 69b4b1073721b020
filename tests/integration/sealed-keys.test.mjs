// The key-encryption keys of sealed fields, as an operator handles them with the program itself:
// `synergeia keys new` prints a key line, `keys check` records and checks it, the server refuses
// to start with a key that is not the one the database knows or with a malformed one (and says
// which), and `keys rotate` re-wraps under a newer key. The sealing itself is tested in-process
// (tests/unit/platform/sealed_test.cpp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { createDatabase, runBinary, freePort } from './lib/server.mjs';

let db;

before(async () => {
  db = await createDatabase();
  await runBinary(['migrate', '--db', db.url]);
});

after(async () => {
  await db?.drop();
});

async function keyLine(version) {
  const { stdout } = await runBinary(['keys', 'new', '--version', String(version)]);
  const line = stdout.trim();
  assert.match(line, new RegExp(`^${version}:[A-Za-z0-9_-]{43}$`), `a key line: ${line}`);
  return line;
}

/** `synergeia serve` with these keys: it must stop at once, not serve. */
async function serveRefused(keys) {
  const port = await freePort();
  const res = await runBinary(['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`],
    { env: { SYNERGEIA_SEALED_KEYS: keys }, check: false, timeoutMs: 20_000 });
  assert.equal(res.code, 1, `the server should refuse to start; it exited with ${res.code ?? res.signal}: ${res.stderr}`);
  return res.stderr;
}

test('a new key is recorded, checked, and a different one under its version is refused at start-up', async () => {
  const first = await keyLine(1);
  assert.notEqual(first, await keyLine(1), 'every key is new');
  const checked = await runBinary(['keys', 'check', '--db', db.url], { env: { SYNERGEIA_SEALED_KEYS: first } });
  assert.match(checked.stdout, /1 given, newest version 1; 0 record keys still to re-wrap/);

  const wrong = await keyLine(1);
  const said = await serveRefused(wrong);
  assert.match(said, /sealed key version 1 is not the key this database was sealed with/, said);
  const check = await runBinary(['keys', 'check', '--db', db.url], { env: { SYNERGEIA_SEALED_KEYS: wrong }, check: false });
  assert.equal(check.code, 1);
});

test('a malformed key is refused, naming the entry', async () => {
  const said = await serveRefused('1:not-a-key');
  assert.match(said, /SYNERGEIA_SEALED_KEYS, entry 1: the key is not 32 bytes/, said);
  const twice = await keyLine(3);
  assert.match(await serveRefused(`${twice},${twice}`), /entry 2: this version is given twice/);
});

test('a rotation under a newer key, with the old one still given, ends with nothing to re-wrap', async () => {
  const first = (await runBinary(['keys', 'new', '--version', '1'])).stdout.trim();
  // The database already knows version 1 from the first test; a fresh database for this one.
  const fresh = await createDatabase();
  try {
    await runBinary(['migrate', '--db', fresh.url]);
    await runBinary(['keys', 'check', '--db', fresh.url], { env: { SYNERGEIA_SEALED_KEYS: first } });
    const second = await keyLine(2);
    const rotated = await runBinary(['keys', 'rotate', '--db', fresh.url], { env: { SYNERGEIA_SEALED_KEYS: `${first}\n${second}` } });
    assert.match(rotated.stdout, /done: every record key is wrapped by version 2/);
    const after = await runBinary(['keys', 'check', '--db', fresh.url], { env: { SYNERGEIA_SEALED_KEYS: second } });
    assert.match(after.stdout, /newest version 2; 0 record keys still to re-wrap/);
  } finally {
    await fresh.drop();
  }
});
