/**
 * Properties of the whole core under careless and hostile input (fast-check), issue 12:
 *
 * - the register always lists: every identifier the schema admits masks, indexes and searches;
 * - text is stored clean or refused naming the field; search and the duplicate check see through
 *   invisible characters and Unicode forms;
 * - every input size is accepted within the limits or refused at once, naming the field;
 * - no output lands inside the data directory, a backup or the resources, and an existing file is
 *   replaced only when confirmed;
 * - every refusal of every handler is exit 2/3/4/5 with a Chinese message naming a field or a path,
 *   and a call that committed nothing changed nothing under the data directory;
 * - the command line answers any arguments in Chinese with a documented exit status.
 *
 * Bounded: each property has a fixed number of runs and a time limit, so the suite stays well under
 * two minutes on the shared machine (a run cut short by the limit still checked every case it ran).
 */

import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { runCli } from '../../electron/cli/main';
import { call, handlers } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { DeskError } from '../../electron/core/errors';
import { callHandler } from '../../electron/core/handler';
import { LIMITS } from '../../electron/core/limits';
import { ID_TYPES } from '../../electron/core/schema/codes';
import { maskIdNumber, residentIdCheckChar } from '../../electron/core/schema/identity';
import { diskDesk, IDS, memoryDesk, sampleCaseInput, tempDataDir } from '../support/desk';
import { assertGoodRefusal, CONTROL, hostileChar, hostileString, INVISIBLE, LONE_SURROGATE, snapshot } from '../support/hostile';

/** Runs and a time limit per property: enough to find the classes of issue 12 (each fell within a few dozen runs). */
const bounded = (numRuns: number, seconds = 12) => ({ numRuns, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false });

async function refusedOrDone<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DeskError }> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: assertGoodRefusal(error) };
  }
}

function expectRegisterLists(desk: Desk, list: { total: number; unreadable?: unknown }) {
  expect(list.total).toBe(desk.store.caseCount());
  expect(list.unreadable).toBeUndefined();
}

const ID_ALPHABET = fc.constantFrom(
  ...'0123456789',
  'X',
  'x',
  'E',
  'G',
  'H',
  'M',
  'a',
  '１',
  '２',
  'Ｘ',
  ' ',
  '-',
  '\u3000',
  '\u200B',
  '\u0007',
  '号',
  '（',
  '）',
);
const idNumber = fc.oneof(
  { weight: 5, arbitrary: fc.array(ID_ALPHABET, { maxLength: 40 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(IDS.zhangSan, IDS.liSi, '110105491231002', 'E12345678', 'E1', '1', '') },
  {
    weight: 1,
    arbitrary: fc
      .stringMatching(/^[1-6][0-9]{5}19[5-9][0-9](0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}$/)
      .map((b) => b + residentIdCheckChar(b)),
  },
);

describe('properties of the core under hostile input (fast-check)', () => {
  it('masks an identifier of any type and length: same length, more hidden than shown, never a failure', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(40), fc.string({ unit: 'binary', maxLength: 60 })), (id) => {
        const masked = [...maskIdNumber(id)];
        const chars = [...id];
        expect(masked).toHaveLength(chars.length);
        // Positions shown are the original characters; the rest are stars: at least half, or 8 of an 18-character number.
        const shown = masked.filter((c, i) => c === chars[i] && c !== '*').length;
        const hidden =
          chars.length - masked.filter((c, i) => c === chars[i]).length + chars.filter((c, i) => c === '*' && masked[i] === '*').length;
        expect(hidden).toBeGreaterThanOrEqual(chars.length >= 18 ? 8 : Math.ceil(chars.length / 2));
        expect(shown).toBeLessThanOrEqual(10);
      }),
      bounded(1_000),
    );
  });

  it('a party with any ID type and any ID number is refused naming the field, or the register still lists, searches and checks it', async () => {
    const desk = await memoryDesk();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ID_TYPES.codes, ...ID_TYPES.entries.map((e) => e.label)), idNumber, async (idType, id) => {
        const input = sampleCaseInput();
        input.parties[0] = { ...input.parties[0], idType, idNumber: id } as never;
        const added = await refusedOrDone(call(desk, 'cases.add', input));
        if (!added.ok) expect(added.error.field ?? '').toMatch(/^parties\[0\]\.(idNumber|idType|birthDate|gender)$/);
        else {
          const stored = added.value.parties[0];
          expect(stored.kind === 'person' && (stored.idNumber ?? '')).not.toMatch(CONTROL);
          const probe = stored.kind === 'person' ? (stored.idNumber ?? '').slice(0, 6) : '';
          for (const q of [probe, '张', 'zs', id.slice(0, 20)]) expect((await call(desk, 'cases.list', { q })).unreadable).toBeUndefined();
          const row = (await call(desk, 'cases.list', { q: added.value.number })).items[0];
          expect(row.parties[0].idNumberMasked).toHaveLength([...(stored.kind === 'person' ? (stored.idNumber ?? '') : '')].length);
          await call(desk, 'duplicates.forCase', { id: added.value.id });
        }
        expectRegisterLists(desk, await call(desk, 'cases.list', {}));
      }),
      bounded(150),
    );
  });

  it('any text in a name, an address, the 案由 or the facts is refused naming the field, or stored clean', async () => {
    const desk = await memoryDesk();
    await fc.assert(
      fc.asyncProperty(
        hostileString(40),
        hostileString(40),
        hostileString(30),
        hostileString(80),
        async (name, address, summary, facts) => {
          const input = sampleCaseInput({ summary: summary || '纠纷', facts });
          input.parties[0] = { ...input.parties[0], name: name || '张三', address };
          const added = await refusedOrDone(call(desk, 'cases.add', input));
          if (!added.ok) {
            expect(added.error.field).toMatch(/^(summary|facts|parties\[0\]\.(name|address))$/);
            return;
          }
          const c = added.value;
          const party = c.parties[0];
          for (const single of [party.name, party.address ?? '', c.summary]) {
            expect(single).not.toMatch(/[\n\r\t\u2028\u2029]/);
            expect(single).not.toMatch(CONTROL);
            expect(single).not.toMatch(INVISIBLE);
            expect(single).not.toMatch(LONE_SURROGATE);
            expect(single).toBe(single.normalize('NFC'));
            expect(single).toBe(single.trim());
          }
          expect(c.facts).not.toMatch(/[\r\u2028\u2029\u0085]/);
          expect(c.facts).not.toMatch(CONTROL);
          expect(c.facts).not.toMatch(INVISIBLE);
          expect(c.facts).toBe(c.facts.normalize('NFC'));
          const found = await call(desk, 'cases.list', { q: party.name });
          expect(found.items.map((i) => i.id)).toContain(c.id);
        },
      ),
      bounded(300),
    );
  });

  it('search and the duplicate check see through zero-width characters, control characters and Unicode forms', async () => {
    const desk = await memoryDesk();
    const noise = fc.constantFrom('\u200B', '\u200D', '\uFEFF', '\u2060', '\u0007', '\u00AD', '');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'), { minLength: 2, maxLength: 4 }),
        fc.array(noise, { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        async (chars, gaps, accent) => {
          const clean = chars.join('') + (accent ? 'é' : '');
          const dirty = chars.map((ch, i) => ch + gaps[i]).join('') + (accent ? 'e\u0301' : '');
          const phone = `139${String(desk.store.caseCount()).padStart(8, '0')}`;
          const input = sampleCaseInput();
          input.parties[0] = { role: 'applicant', kind: 'person', name: dirty, phone };
          const first = await call(desk, 'cases.add', input);
          expect(first.parties[0].name).toBe(clean);
          expect((await call(desk, 'cases.list', { q: dirty })).items.map((i) => i.id)).toContain(first.id);
          expect((await call(desk, 'cases.list', { q: clean })).items.map((i) => i.id)).toContain(first.id);
          const check = await call(desk, 'duplicates.check', { parties: [{ name: `${gaps[0]}${clean}`, phone }] });
          expect(check.parties[0].matches.map((m) => m.caseId)).toContain(first.id);
        },
      ),
      bounded(100),
    );
  });

  it('inputs of any size are accepted within the limits, or refused naming the field', async () => {
    const desk = await memoryDesk();
    const party = sampleCaseInput().parties[1];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: LIMITS.partiesPerCase + 20 }), fc.constantFrom(5_000, 190_001)),
        fc.oneof(fc.integer({ min: 0, max: 25_000 }), fc.constantFrom(20_000, 20_001, 3_000_000)),
        fc.integer({ min: 0, max: 60 }),
        async (parties, factsLength, nameLength) => {
          const input = sampleCaseInput({ facts: '事'.repeat(factsLength) });
          input.parties = [
            { ...input.parties[0], name: '张'.repeat(nameLength) || '张三' },
            ...Array.from({ length: parties }, () => party),
          ];
          const added = await refusedOrDone(call(desk, 'cases.add', input));
          const within = nameLength <= 50 && factsLength <= 20_000 && parties + 1 <= LIMITS.partiesPerCase && parties >= 1;
          if (added.ok) expect(within).toBe(true);
          else {
            if (within) throw new Error(`在上限之内却被拒绝：${added.error.message}`);
            expect(added.error.field).toMatch(/^(parties|facts|parties\[0\]\.name)$/);
          }
        },
      ),
      bounded(60, 20),
    );
  });

  describe('on a data directory', () => {
    let desk: Desk;
    let outside: string;
    let caseId: string;
    beforeAll(async () => {
      desk = await diskDesk();
      outside = await tempDataDir('mdesk-outside-');
      caseId = (await call(desk, 'cases.add', sampleCaseInput())).id;
      await call(desk, 'keys.show', {});
      await desk.store.createBackup('manual');
      mkdirSync(path.join(desk.dataDir, 'templates'), { recursive: true });
      symlinkSync(desk.dataDir, path.join(outside, 'link-to-data'));
    });
    afterAll(async () => desk?.close());

    it('no output lands in the data directory, a backup or the resources; an existing file is replaced only when confirmed', async () => {
      const backup = (await desk.store.listBackups())[0].name;
      const insideTargets = [
        'meta.json',
        'docs/settings.json',
        'docs/keys.json',
        'cases/0000.jsonl',
        `backups/${backup}/meta.json`,
        `backups/${backup}/new.pdf`,
        'templates/agreement.txt',
        'new-file.json',
        'lock',
      ];
      const target = fc.oneof(
        fc.constantFrom(...insideTargets).map((rel) => ({ inside: true, file: path.join(desk.dataDir, rel) })),
        fc.constantFrom(...insideTargets).map((rel) => ({ inside: true, file: path.join(outside, 'link-to-data', rel) })),
        fc.constantFrom(...insideTargets).map((rel) => ({ inside: true, file: `${outside}/../${path.basename(desk.dataDir)}/${rel}` })),
        fc.constantFrom('templates/agreement.txt', 'fonts/x.ttf').map((rel) => ({ inside: true, file: path.join(desk.resourcesDir, rel) })),
        fc.stringMatching(/^[a-z0-9\u4e00-\u4e10]{1,12}$/).map((name) => ({ inside: false, file: path.join(outside, `${name}.out`) })),
      );
      const handler = fc.constantFrom('keys.export', 'stats.export', 'documents.render', 'dossier.pdf');
      await fc.assert(
        fc.asyncProperty(target, handler, fc.boolean(), fc.boolean(), async ({ inside, file }, name, overwrite, existing) => {
          if (!inside && existing) writeFileSync(file, 'earlier content');
          const hadFile = existsSync(file);
          const before = snapshot(desk.dataDir);
          const inputs: Record<string, object> = {
            'keys.export': { out: file, overwrite },
            'stats.export': { out: file, overwrite, format: 'csv', year: 2026 },
            'documents.render': { out: file, overwrite, caseId, template: 'registration', format: 'docx' },
            'dossier.pdf': { out: file, overwrite, id: caseId },
          };
          const outcome = await refusedOrDone(callHandler(handlers, desk, name, inputs[name]));
          if (inside) {
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) {
              expect(outcome.error.code).toBe('VALIDATION');
              expect(outcome.error.field).toBe('out');
            }
            expect(snapshot(desk.dataDir)).toEqual(before);
          } else if (hadFile && !overwrite) {
            expect(outcome.ok).toBe(false);
            expect(readFileSync(file, 'utf8')).toBe('earlier content');
          } else {
            expect(outcome.ok).toBe(true);
            expect(readFileSync(file, 'utf8')).not.toBe('earlier content');
          }
        }),
        bounded(80, 25),
      );
    });

    it('any input to any handler is answered, or refused with exit 2/3/4/5 in Chinese naming a field; no commit, no change on disk', async () => {
      // Outputs (covered above), backups and office templates (written by the documents module into its own
      // folder, reported in the closing note) are left out; everything else takes whatever is thrown at it.
      const excluded = new Set([
        'documents.render',
        'stats.export',
        'dossier.pdf',
        'keys.export',
        'batches.export',
        'batches.import',
        'backups.create',
        'backups.restore',
        'templates.save',
        'templates.reset',
      ]);
      // Signing in, out and locking change who may call at all (their refusals are test/integration/operators'):
      // a random `session.lock` would leave every later call refused with exit 6.
      const names = Object.keys(handlers).filter((n) => !excluded.has(n) && !n.startsWith('session.'));
      const keys = fc.oneof(
        fc.constantFrom(
          'id',
          'name',
          'parties',
          'q',
          'status',
          'details',
          'action',
          'changes',
          'role',
          'idNumber',
          'file',
          'source',
          'template',
        ),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'stationCode', 'numberPattern', 'limit', 'caseId', 'reason'),
        hostileString(6),
      );
      const value = fc.letrec<{ v: unknown }>((tie) => ({
        v: fc.oneof(
          { weight: 4, arbitrary: hostileString(20) },
          { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              caseId,
              '（2026）东城调字第1号',
              'accept',
              'agree',
              'registered',
              '{seq:999999999}',
              'centre',
              'admin',
            ),
          },
          { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 4 }) },
          { weight: 1, arbitrary: fc.dictionary(keys, tie('v'), { maxKeys: 4 }) },
        ),
      })).v;
      const input = fc.oneof({ weight: 5, arbitrary: fc.dictionary(keys, value, { maxKeys: 6 }) }, { weight: 1, arbitrary: value });
      let commits = 0;
      const commit = desk.commit.bind(desk);
      desk.commit = (change) => {
        commits++;
        return commit(change);
      };
      try {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...names), input, async (name, raw) => {
            const before = snapshot(desk.dataDir);
            const committed = commits;
            await refusedOrDone(callHandler(handlers, desk, name, raw));
            if (commits === committed) expect(snapshot(desk.dataDir)).toEqual(before);
            expectRegisterLists(desk, await call(desk, 'cases.list', {}));
          }),
          bounded(400, 25),
        );
      } finally {
        desk.commit = commit;
      }
    });
  });

  it('the command line answers any arguments in Chinese with a documented exit status, and makes no folder', async () => {
    const root = await tempDataDir('mdesk-cli-prop-');
    const word = fc.oneof(
      fc.constantFrom(
        'case',
        'list',
        'add',
        'show',
        'act',
        'doc',
        'render',
        'export',
        'import',
        'verify',
        'keys',
        'centre',
        'trust',
        'stats',
      ),
      fc.constantFrom(
        '--json',
        '--out',
        '--force',
        '--q',
        '--template',
        '--format',
        '--bogus',
        '-x',
        'help',
        '--help',
        'init',
        'backup',
        'restore',
        'recode',
      ),
      fc.constantFrom('frobnicate', 'E12345678', '../x', '-', 'a.json'),
      hostileString(6),
    );
    const stderr: string[] = [];
    const spies = [
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true)),
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
    ];
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (args) => {
          stderr.length = 0;
          process.exitCode = undefined;
          const data = path.join(root, 'no-register-here');
          const status = await runCli(['--data', data, ...args]);
          expect([0, 2, 3, 4, 5]).toContain(status);
          const text = stderr.join('');
          if (status !== 0) {
            expect(text).toMatch(/[\u4e00-\u9fff]/);
            expect(text).not.toMatch(/\berror:|Usage:|Options:|unknown (command|option)|missing required|too many arguments|Did you mean/);
          }
          expect(existsSync(data)).toBe(false);
        }),
        bounded(150, 20),
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('holds for every hostile character class on its own (a seed list, so each class is always covered)', async () => {
    const desk = await memoryDesk();
    const samples = fc.sample(hostileChar, { numRuns: 200, seed: 12 });
    for (const ch of new Set(samples)) {
      const input = sampleCaseInput();
      input.parties[0] = { ...input.parties[0], name: `张${ch}三` };
      await refusedOrDone(call(desk, 'cases.add', input));
    }
    expectRegisterLists(desk, await call(desk, 'cases.list', {}));
  });
});
