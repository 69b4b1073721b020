// Every module keeps the anatomy of docs/architecture.md, so a reader who knows one module knows
// all of them; a module that drifts fails here with what to rename. Also: comments name no issue
// numbers (readers of the code have no tracker), and a migration's dialect twins hold only the
// statements that differ (the shared ones go in the plain file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, stat, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

// The layers, each one public header at the module root; once a layer needs more than one .cpp,
// a folder of the same name holds them.
const LAYERS = ['rules', 'store', 'service', 'pages'];
// What else may sit at a module's root.
const ROOT_FILES = new Set(['model.hpp', 'formats.hpp', 'formats.cpp', 'api.cpp', 'demo.hpp', 'demo.cpp',
  'module.cpp', 'module.hpp']);
// External protocols a module adapts, one folder each.
export const PROTOCOLS = new Set(['open311']);
// Words that say "shared" in other ways; a layer's private helpers are <layer>/shared.hpp.
const SHARED_SYNONYMS = new Set(['common', 'util', 'utils', 'helpers', 'misc', 'internal', 'rows']);

async function entries(dir) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

const isFeatureName = (n) => /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(n);

// The problems in one module folder, each a sentence that says what to do.
export async function moduleProblems(dir, { name = dir.split('/').pop(), testsDir } = {}) {
  const problems = [];
  const at = (p) => `${name}/${p}`;
  const list = await entries(dir);
  const files = new Set(list.filter((e) => e.isFile()).map((e) => e.name));
  const folders = new Set(list.filter((e) => e.isDirectory()).map((e) => e.name));
  if (!files.has('module.cpp')) problems.push(`${name}: no module.cpp; it is the module's one registration point`);
  if (!files.has('module.hpp')) problems.push(`${name}: no module.hpp; it declares install() for src/app/`);

  for (const f of files) {
    const layer = f.replace(/\.(hpp|cpp)$/, '');
    if (ROOT_FILES.has(f) || (LAYERS.includes(layer) && /\.(hpp|cpp)$/.test(f))) continue;
    const prefixed = LAYERS.find((l) => layer.startsWith(`${l}_`));
    if (prefixed && f.endsWith('.cpp')) {
      problems.push(`${at(f)}: move it to ${prefixed}/${layer.slice(prefixed.length + 1)}.cpp (a layer's files live in its folder, named by feature)`);
    } else if (prefixed) {
      problems.push(`${at(f)}: fold it into ${prefixed}.hpp as a section (one public header per layer), or make it ${prefixed}/shared.hpp if only the layer uses it`);
    } else {
      problems.push(`${at(f)}: not part of the anatomy; move it into a layer (rules/, store/, service/, pages/), formats.*, demo.* or a protocol folder`);
    }
  }
  for (const layer of LAYERS) {
    if (files.has(`${layer}.cpp`) && folders.has(layer)) {
      problems.push(`${at(`${layer}.cpp`)}: ${name} has a ${layer}/ folder, so move it to ${layer}/<feature>.cpp`);
    }
    if (folders.has(layer) && !files.has(`${layer}.hpp`)) {
      problems.push(`${at(`${layer}/`)}: the layer has no public header; add ${layer}.hpp at the module root`);
    }
  }
  for (const folder of folders) {
    if (!LAYERS.includes(folder) && !PROTOCOLS.has(folder)) {
      problems.push(`${at(`${folder}/`)}: not a layer; if it adapts an external protocol, add it to PROTOCOLS in tests/layout/module-layout.test.mjs, else move its files into a layer`);
      continue;
    }
    for (const e of await entries(join(dir, folder))) {
      const inside = `${folder}/${e.name}`;
      if (e.isDirectory()) {
        problems.push(`${at(inside)}: no folders inside a layer; name the files by feature instead`);
        continue;
      }
      const m = /^(.*)\.(hpp|cpp)$/.exec(e.name);
      if (!m) {
        problems.push(`${at(inside)}: only .hpp and .cpp files belong in ${folder}/`);
        continue;
      }
      const stem = m[1];
      if (!isFeatureName(stem)) problems.push(`${at(inside)}: name it by feature in lower_snake_case`);
      if (SHARED_SYNONYMS.has(stem)) problems.push(`${at(inside)}: call it ${folder}/shared.${m[2]}`);
      if (stem.startsWith(`${folder}_`)) problems.push(`${at(inside)}: drop the layer from its name: ${folder}/${stem.slice(folder.length + 1)}.${m[2]}`);
      if (LAYERS.includes(folder) && m[2] === 'hpp' && stem !== 'shared') {
        problems.push(`${at(inside)}: a layer has one public header; fold it into ${folder}.hpp, or call it ${folder}/shared.hpp if it is the layer's private helpers`);
      }
    }
  }

  // Tests of a module live in tests/unit/<module>/, named <feature>_test.cpp, where the feature
  // is a word the module uses for a file (so one feature has one word everywhere).
  if (testsDir) {
    const words = new Set([...LAYERS, 'formats', 'demo', 'api', 'model', 'module', ...PROTOCOLS]);
    for (const folder of folders) {
      if (!LAYERS.includes(folder) && !PROTOCOLS.has(folder)) continue;
      for (const e of await entries(join(dir, folder))) {
        const stem = e.name.replace(/\.(hpp|cpp)$/, '');
        words.add(stem);
        words.add(`${folder}_${stem}`);
      }
    }
    for (const e of await entries(join(testsDir, name))) {
      const m = /^(.*)_test\.cpp$/.exec(e.name);
      if (!m) {
        if (e.name.endsWith('.cpp')) problems.push(`tests/unit/${name}/${e.name}: name it <feature>_test.cpp`);
        continue;
      }
      if (!words.has(m[1])) {
        problems.push(`tests/unit/${name}/${e.name}: "${m[1]}" is no file of ${name}; name the test after the feature it tests (${[...words].filter((w) => !w.includes('_') || w.startsWith('open311')).sort().join(', ')})`);
      }
    }
    for (const e of await entries(testsDir)) {
      if (e.isFile() && e.name.startsWith(`${name}_`) && e.name.endsWith('_test.cpp')) {
        problems.push(`tests/unit/${e.name}: move it to tests/unit/${name}/${e.name.slice(name.length + 1)}`);
      }
    }
  }
  return problems;
}

async function walk(dir, out = []) {
  for (const e of await entries(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'corpus') await walk(p, out);
    } else {
      out.push(p);
    }
  }
  return out;
}

// "issue 4", "Issue 12's", "(issue 3, capability C1)": an issue number in a comment or a doc.
const ISSUE_NUMBER = /\bissues? #?\d+|#\d+ (?:says|asks)|\bticket #?\d+/i;

test('every module has the anatomy of docs/architecture.md', async () => {
  const modulesDir = join(ROOT, 'src/modules');
  const problems = [];
  for (const e of await entries(modulesDir)) {
    if (e.isDirectory()) problems.push(...await moduleProblems(join(modulesDir, e.name), { name: e.name, testsDir: join(ROOT, 'tests/unit') }));
  }
  assert.deepEqual(problems, [], `modules that drifted from the anatomy:\n  ${problems.join('\n  ')}`);
});

test('the layout check names what to rename in a module that drifted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'synergeia-layout-'));
  try {
    const mod = join(dir, 'src/modules/things');
    const tests = join(dir, 'tests/unit');
    await mkdir(join(mod, 'store'), { recursive: true });
    await mkdir(join(mod, 'service'), { recursive: true });
    await mkdir(join(mod, 'helpers'), { recursive: true });
    await mkdir(join(tests, 'things'), { recursive: true });
    for (const f of ['module.cpp', 'module.hpp', 'model.hpp', 'store.hpp', 'store.cpp', 'store/queue.cpp',
      'service/queue.cpp', 'service/extra.hpp', 'service/common.cpp', 'pages_staff.cpp', 'store_lists.hpp', 'search.cpp',
      'helpers/x.cpp']) {
      await writeFile(join(mod, f), '');
    }
    await writeFile(join(tests, 'things', 'lists_test.cpp'), '');
    await writeFile(join(tests, 'things', 'queue_test.cpp'), '');
    await writeFile(join(tests, 'things_store_test.cpp'), '');
    const problems = await moduleProblems(mod, { name: 'things', testsDir: tests });
    const expect = [
      'things/pages_staff.cpp: move it to pages/staff.cpp',
      'things/store_lists.hpp: fold it into store.hpp',
      'things/search.cpp: not part of the anatomy',
      'things/store.cpp: things has a store/ folder, so move it to store/<feature>.cpp',
      'things/service/: the layer has no public header; add service.hpp',
      'things/helpers/: not a layer',
      'things/service/extra.hpp: a layer has one public header',
      'things/service/common.cpp: call it service/shared.cpp',
      'tests/unit/things/lists_test.cpp: "lists" is no file of things',
      'tests/unit/things_store_test.cpp: move it to tests/unit/things/store_test.cpp',
    ];
    for (const e of expect) assert.ok(problems.some((p) => p.startsWith(e)), `expected a problem starting "${e}" in:\n  ${problems.join('\n  ')}`);
    assert.ok(!problems.some((p) => /^(things\/(store|service)\/queue|tests\/unit\/things\/queue)/.test(p)),
      `queue is in its place:\n  ${problems.join('\n  ')}`);
    assert.equal(problems.length, expect.length, problems.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('comments and documents name no issue numbers', async () => {
  const roots = ['src', 'tests', 'bench', 'scripts', 'web/static/css', 'web/static/js', 'docs', 'README.md', 'Makefile', 'CMakeLists.txt'];
  const found = [];
  for (const r of roots) {
    const p = join(ROOT, r);
    const files = (await stat(p).catch(() => null))?.isDirectory() ? await walk(p) : [p];
    for (const f of files) {
      if (!/\.(cpp|hpp|mjs|js|css|md|lua|sh|txt|yaml|py)$|\/[a-z-]+$|Makefile$/.test(f)) continue;
      if (f.endsWith('module-layout.test.mjs')) continue;
      const text = await readFile(f, 'utf8').catch(() => '');
      text.split('\n').forEach((line, i) => {
        if (ISSUE_NUMBER.test(line)) found.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(found, [], `say the why instead of the issue number:\n  ${found.join('\n  ')}`);
});

// Migrations applied before this rule keep their bytes (their checksums are recorded in every
// database that ran them); from the next number on, twins hold only what differs.
const FIRST_SPLIT_MIGRATION = 7;

const statements = (sql) => sql.replace(/--[^\n]*/g, '').split(';').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);

test('a migration twins only its dialect-specific statements', async () => {
  const dir = join(ROOT, 'db/migrations');
  const names = await readdir(dir);
  const problems = [];
  for (const pg of names.filter((n) => n.endsWith('.pg.sql'))) {
    const number = Number(pg.slice(0, 4));
    const sqlite = pg.replace(/\.pg\.sql$/, '.sqlite.sql');
    if (number < FIRST_SPLIT_MIGRATION || !names.includes(sqlite)) continue;
    const a = new Set(statements(await readFile(join(dir, pg), 'utf8')));
    for (const s of statements(await readFile(join(dir, sqlite), 'utf8'))) {
      if (a.has(s)) problems.push(`${pg.replace(/\.pg\.sql$/, '')}: both twins hold "${s.slice(0, 80)}"; move it to ${pg.replace(/\.pg\.sql$/, '.sql')}`);
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
