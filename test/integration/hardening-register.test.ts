/**
 * Regression tests of issue 12 for the register itself: one per item, each written as the class it
 * names (item 1: identifiers of every length and a record that cannot be shown; 5: invisible and
 * control characters; 7: settings that cannot work; 10: labels and languages of messages).
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import type { Case } from '../../electron/core/schema/case';
import { cliHere } from '../support/cli-here';
import { diskDesk, IDS, sampleCaseInput, tempDataDir, TEST_SETTINGS } from '../support/desk';
import { assertGoodRefusal } from '../support/hostile';

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return assertGoodRefusal(error);
  }
  throw new Error('expected a refusal');
}

const passportParty = (idNumber: string, idType = '护照') => ({ role: 'applicant', kind: 'person', name: '约翰', idType, idNumber });

describe('item 1: identifiers of every type and length; one bad record never takes the register down', () => {
  let desk: Desk;
  let dataDir: string;
  beforeAll(async () => {
    desk = await diskDesk();
    dataDir = desk.dataDir;
    const respondent = sampleCaseInput().parties[1];
    for (const [id, type] of [
      ['E12345678', '护照'],
      ['H12345678', '港澳居民来往内地通行证'],
      ['12345678', '台湾居民来往大陆通行证'],
      ['ABC1', '护照'],
      ['军官证第1号', '其他'],
      ['9', '其他'],
    ] as const) {
      await call(desk, 'cases.add', sampleCaseInput({ parties: [passportParty(id, type), respondent] as never }));
    }
    await desk.close();
  });

  it('lists (plain, --json, --q) and checks duplicates after cases with short foreign numbers', async () => {
    const plain = await cliHere(dataDir, ['case', 'list']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('E1*****78');
    expect(plain.stdout).toContain('共6件');
    const json = await cliHere(dataDir, ['case', 'list', '--json']);
    expect(json.json().items.map((i: { parties: { idNumberMasked: string }[] }) => i.parties[0].idNumberMasked)).toEqual(
      expect.arrayContaining(['E1*****78', 'H1*****78', '12****78', 'A**1', '军****号', '*']),
    );
    expect((await cliHere(dataDir, ['case', 'list', '--q', 'E1234'])).stdout).toContain('共1件');
    const first = json.json().items[0];
    const dup = await cliHere(dataDir, ['case', 'duplicates', first.id]);
    expect(dup.status, dup.stderr).toBe(0);
    expect(dup.stdout + dup.stderr).toContain('李四');
  });

  it('shows a record that cannot be summarised as such, reports it, and lists the rest', async () => {
    const opened = await diskDesk({ dataDir });
    const broken = structuredClone(opened.store.allCases().next().value as Case) as unknown as Record<string, unknown>;
    broken.id = '11111111-2222-4333-8444-555555555555';
    broken.number = '（2026）东城调字第99号';
    // Passes the store's structural check on open (parties is a list), but no party can be read.
    broken.parties = [null, (broken.parties as unknown[])[1]];
    await opened.store.commit({ cases: [broken as unknown as Case] });
    await opened.close();

    const plain = await cliHere(dataDir, ['case', 'list']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('共7件');
    expect(plain.stdout).toContain('（2026）东城调字第99号');
    expect(plain.stdout).toContain('无法显示');
    expect(plain.stderr).toContain('有1件案件无法显示');
    const json = (await cliHere(dataDir, ['case', 'list', '--json'])).json();
    expect(json.unreadable).toEqual([expect.objectContaining({ number: '（2026）东城调字第99号' })]);
    const other = json.items.find((i: { unreadable?: string }) => !i.unreadable);
    const dup = await cliHere(dataDir, ['case', 'duplicates', other.id, '--json']);
    expect(dup.status, dup.stderr).toBe(0);
    expect(dup.json().unreadable).toEqual([expect.objectContaining({ caseId: broken.id })]);
  });
});

describe('item 5: invisible and control characters', () => {
  let desk: Desk;
  let out: string;
  beforeAll(async () => {
    desk = await diskDesk();
    out = await tempDataDir('mdesk-hardening-docs-');
  });
  afterAll(async () => desk?.close());

  it('cleans names, numbers and addresses, keeps line breaks only in multi-line fields, refuses lone surrogates', async () => {
    const c = await call(
      desk,
      'cases.add',
      sampleCaseInput({
        summary: '相邻\u0007通行\n纠纷',
        facts: '第一行\r\n第二行\u2028第三行\u0000',
        parties: [
          {
            role: 'applicant',
            kind: 'person',
            name: '张\u200B三\u0007',
            idNumber: `\u200B${IDS.zhangSan}\u0000`,
            address: '东城\n街道\t1号',
          },
          { role: 'respondent', kind: 'person', name: '李\uFEFF四\n', idNumber: IDS.liSi, phone: '138\u200B0013\u00078000' },
        ],
      }),
    );
    expect(c.summary).toBe('相邻通行 纠纷');
    expect(c.facts).toBe('第一行\n第二行\n第三行');
    expect(c.parties[0]).toMatchObject({ name: '张三', idNumber: IDS.zhangSan, address: '东城 街道 1号' });
    expect(c.parties[1]).toMatchObject({ name: '李四', phone: '13800138000' });

    const surrogate = await refusal(call(desk, 'cases.add', sampleCaseInput({ summary: '纠纷\uD800' })));
    expect(surrogate.field).toBe('summary');
    expect(surrogate.message).toContain('案由');

    expect((await call(desk, 'cases.list', { q: '张\u200D三' })).items.map((i) => i.id)).toContain(c.id);
    const dup = await call(desk, 'duplicates.check', { parties: [{ name: '李\u00AD四', phone: '13800138000' }] });
    expect(dup.parties[0].matches.map((m) => m.caseId)).toContain(c.id);
  });

  it('prints no boxes and loses no text in the PDF and the DOCX, also for text stored before cleaning', async () => {
    const c = await call(desk, 'cases.add', sampleCaseInput({ facts: '事实\u0007经过\u0000。' }));
    // A register written before the schemas cleaned text: the stored name still holds BEL and a zero-width space.
    const old = desk.getCase(c.id);
    await desk.commit({ cases: [{ ...old, parties: [{ ...old.parties[0], name: '王\u0007五\u200B' }, old.parties[1]] }] });
    const pdf = path.join(out, 'registration.pdf');
    await call(desk, 'documents.render', { caseId: c.id, template: 'registration', format: 'pdf', out: pdf });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('王五');
    expect(text).toContain('事实经过');
    // eslint-disable-next-line no-control-regex -- what must not be printed
    expect(text.replace(/[\n\f]/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u200B]/);

    const docx = path.join(out, 'registration.docx');
    await call(desk, 'documents.render', { caseId: c.id, template: 'registration', format: 'docx', out: docx });
    const xml = await documentXml(docx);
    expect(xml).toContain('王五');
    // eslint-disable-next-line no-control-regex -- what must not be written
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u200B]/);
  });
});

function documentXml(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.readEntry();
    });
  });
}

describe('item 7: settings are checked for what they will produce', () => {
  it.each([
    ['{seq:999999999}', '序号位数应为1到8'],
    ['（{year}）{shortName}调字第{seq:0}号', '序号位数应为1到8'],
    ['（{year}）{shortName}调字第{num}号', '不认识的占位符“{num}”'],
    ['（{year}）{shortName}调字第号', '必须包含{seq}'],
    ['{seq}-{seq}', '只能出现一次'],
    ['{year:4}{seq}', '只有序号可以指定位数'],
    ['（{year）{shortName}调字第{seq}号', '花括号不成对'],
    ['（{year}）调字第{seq}号}', '花括号不成对'],
    [`${'很长的前缀'.repeat(12)}{seq}`, '不能超过60个字'],
  ])('init refuses the case-number pattern %s, naming the field, and writes nothing', async (numberPattern, message) => {
    const dataDir = await tempDataDir();
    const work = await mkdtemp(path.join(os.tmpdir(), 'mdesk-init-'));
    const file = path.join(work, 'settings.json');
    writeFileSync(file, JSON.stringify({ ...TEST_SETTINGS, numberPattern }));
    const run = await cliHere(dataDir, ['init', '--json', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('案号格式');
    expect(run.stderr).toContain(message);
    // A register is made only for settings that would be accepted.
    expect((await cliHere(dataDir, ['case', 'list'])).status).toBe(4);
  });

  it('refuses the same through the settings screen, and a pattern too long for its office name', async () => {
    const desk = await diskDesk();
    try {
      const error = await refusal(call(desk, 'settings.update', { numberPattern: '{seq:9}' }));
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'numberPattern' });
      const long = await refusal(
        call(desk, 'settings.update', {
          numberPattern: '（{year}）{shortName}{shortName}{shortName}{shortName}{seq:8}号',
          shortName: '一二三四五六七八九十一二三四五六七八九十',
        }),
      );
      expect(long.message).toContain('生成的案号过长');
      expect((await call(desk, 'cases.add', sampleCaseInput())).number).toBe('（2026）东城调字第1号');
    } finally {
      await desk.close();
    }
  });
});

describe('item 10: every message is Chinese and names the right field', () => {
  let dataDir: string;
  let work: string;
  beforeAll(async () => {
    const desk = await diskDesk();
    dataDir = desk.dataDir;
    await desk.close();
    work = await tempDataDir('mdesk-labels-');
  });
  const file = (name: string, text: string) => {
    const full = path.join(work, name);
    writeFileSync(full, text);
    return full;
  };

  it('names a __proto__ key as itself, and a role in the settings as 机构角色', async () => {
    const withProto = JSON.stringify(sampleCaseInput()).replace(/^\{/, '{"__proto__": {"x": 1}, ');
    const proto = await cliHere(dataDir, ['case', 'add', '--json', file('proto.json', withProto)]);
    expect(proto.status).toBe(2);
    expect(proto.stderr).toContain('__proto__');
    expect(proto.stderr).not.toContain('[object Object]');
    const role = await cliHere(dataDir, ['init', '--json', file('role.json', JSON.stringify({ ...TEST_SETTINGS, role: 'admin' }))]);
    expect(role.status).toBe(2);
    expect(role.stderr).toContain('机构角色');
    expect(role.stderr).not.toContain('当事人身份');
  });

  it('refuses a key given twice and reports JSON mistakes in Chinese with line and column', async () => {
    const twice = await cliHere(dataDir, ['case', 'add', '--json', file('twice.json', '{\n  "summary": "甲",\n  "summary": "乙"\n}')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('第3行第3列');
    expect(twice.stderr).toContain('“summary”在同一层中出现了两次');
    const broken = await cliHere(dataDir, ['case', 'add', '--json', file('broken.json', '{\n  "summary": "甲",\n}')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/第3行第1列：此处应为用双引号括起的字段名/);
    expect(broken.stderr).not.toMatch(/Unexpected|Expected|position/);
  });

  it('says file-system, zip and command-line mistakes in Chinese, naming the path', async () => {
    const folder = await cliHere(dataDir, ['case', 'add', '--json', work]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('是一个文件夹');
    const missing = await cliHere(dataDir, ['case', 'add', '--json', path.join(work, 'nope.json')]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('文件不存在');
    expect(missing.stderr).toContain('nope.json');
    const notZip = await cliHere(dataDir, ['verify', file('not-a-batch.zip', 'hello')]);
    expect(notZip.status).toBe(5);
    expect(notZip.stderr).toContain('不是有效的批次文件');
    const unknown = await cliHere(dataDir, ['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('不认识的命令“frobnicate”');
    expect(unknown.stderr).not.toMatch(/error:|unknown command/);
    const missingArgument = await cliHere(dataDir, ['case', 'show']);
    expect(missingArgument.stderr).toContain('“case show”缺少参数 ID');
    const help = await cliHere(dataDir, ['stats', '--help']);
    expect(help.stdout).toContain('用法：');
    expect(help.stdout).toContain('选项：');
    expect(help.stdout).not.toMatch(/Usage:|Options:|\(default:/);
  });

  it('says template limits in Chinese', async () => {
    const big = await cliHere(dataDir, ['template', 'validate', file('big.txt', `# 标题\n${'文'.repeat(200_001)}\n`)]);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/过大|过长/);
    const slow = await cliHere(dataDir, [
      'template',
      'validate',
      file('slow.txt', '# 标题\n{% for i in (1..3000) %}{% for j in (1..3000) %}{{ i }}{% endfor %}{% endfor %}\n'),
    ]);
    expect(slow.status).toBe(2);
    expect(slow.stderr).toMatch(/第2行第\d+列：生成(用时|时占用内存)超过上限/);
  });
});
