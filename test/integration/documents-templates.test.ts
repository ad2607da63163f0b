/**
 * Office templates on a real data directory: an edited copy overrides the built-in one and is recorded
 * with its own version; reset brings the built-in back; invalid templates are never saved. And the
 * command line: `doc render`, `template validate | list | reset`, with their exit statuses and stderr.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call } from '../../electron/core/api';
import type { Desk } from '../../electron/core/desk';
import { templateVersion } from '../../electron/core/documents/template';
import type { Case } from '../../electron/core/schema/case';
import { diskDesk, sampleCaseInput, tempDataDir, TEST_PASSWORD } from '../support/desk';

let desk: Desk;
let agreed: Case;

beforeAll(async () => {
  desk = await diskDesk();
  const c = await call(desk, 'cases.add', sampleCaseInput());
  await call(desk, 'cases.act', { id: c.id, action: 'accept', details: { date: '2026-11-03' } });
  await call(desk, 'cases.act', { id: c.id, action: 'agree', details: { date: '2026-11-20', terms: ['被申请人清除杂物。'] } });
  agreed = desk.getCase(c.id);
});

afterAll(async () => {
  await desk?.close();
});

const textOf = async (template: string) => {
  const preview = await call(desk, 'templates.preview', { name: template, caseId: agreed.id, as: 'text' });
  return (preview as { text: string }).text;
};

describe('office templates', () => {
  it('an office copy overrides the built-in template until it is reset', async () => {
    const builtin = await call(desk, 'templates.get', { name: 'agreement' });
    expect(builtin.origin).toBe('builtin');
    const edited = builtin.source.replace('# 人民调解协议书', '# 人民调解协议书（本社区格式）');
    const saved = await call(desk, 'templates.save', { name: 'agreement', source: edited });
    expect(saved.version).toBe(templateVersion(edited));
    expect(await readFile(path.join(desk.dataDir, 'templates', 'agreement.txt'), 'utf8')).toBe(edited);

    const listed = (await call(desk, 'templates.list', {})).find((t) => t.name === 'agreement')!;
    expect(listed).toMatchObject({ origin: 'office', modified: true, version: saved.version });
    expect(await textOf('agreement')).toContain('人民调解协议书（本社区格式）');

    const rendered = await call(desk, 'documents.render', { caseId: agreed.number, template: 'agreement', format: 'docx' });
    expect(rendered.version).toBe(saved.version);
    expect(desk.getCase(agreed.id).events.at(-1)).toMatchObject({
      type: 'document-generated',
      details: { template: 'agreement', version: saved.version, format: 'docx' },
    });

    expect(await call(desk, 'templates.reset', { name: 'agreement' })).toEqual({ removed: true, builtin: true });
    expect(existsSync(path.join(desk.dataDir, 'templates', 'agreement.txt'))).toBe(false);
    expect((await call(desk, 'templates.get', { name: 'agreement' })).version).toBe(builtin.version);
    expect(await textOf('agreement')).not.toContain('本社区格式');
    expect(await call(desk, 'templates.reset', { name: 'agreement' })).toEqual({ removed: false, builtin: true });
  });

  it('never saves a template with an error, and says where the error is', async () => {
    const error = await call(desk, 'templates.save', { name: 'notice', source: '# 告知书\n\n{{ case.numbr }}' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID' });
    expect((error as Error).message).toMatch(/^模板“人民调解当事人权利义务告知书”第3行第4列：未知的字段“case\.numbr”/);
    expect(existsSync(path.join(desk.dataDir, 'templates', 'notice.txt'))).toBe(false);
    await expect(call(desk, 'templates.save', { name: '../evil', source: '# x' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a new office template is listed, always allowed, and rendered', async () => {
    await call(desk, 'templates.save', {
      name: '调解通知',
      source: '# 调解通知书\n@顶格 {{ partyNames }}：\n请于{{ today | 日期 }}到{{ office.name }}参加调解。',
    });
    const available = await call(desk, 'documents.available', { caseId: agreed.id });
    expect(available.find((a) => a.template === '调解通知')).toMatchObject({ allowed: true, origin: 'office' });
    expect(await textOf('调解通知')).toContain('请于2026年11月23日到东城街道人民调解委员会参加调解。');
  });

  it('previews unsaved editor text as PDF, on a sample case when no case is chosen', async () => {
    const preview = (await call(desk, 'templates.preview', { source: '# 预览\n{{ case.amount | 大写金额 }}', as: 'pdf' })) as {
      base64: string;
      pages: number;
    };
    expect(Buffer.from(preview.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(preview.pages).toBe(1);
  });
});

describe('command line', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const run = (args: string[]) => {
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, 'electron/cli/main.ts'), '--data', desk.dataDir, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, MEDIATION_DESK_DATA: '', MEDIATION_DESK_OPERATOR: '王调解', MEDIATION_DESK_PASSWORD: TEST_PASSWORD },
      },
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('renders, validates, lists and resets; refusals exit 3 and template errors exit 2', async () => {
    // The CLI opens the data directory itself: release this process's lock first.
    await desk.close();
    try {
      // Outputs and the files handed in live outside the data directory: the output guard refuses paths inside it.
      const work = await tempDataDir('mdesk-templates-cli-');
      const out = path.join(work, 'agreement.pdf');
      const ok = run(['doc', 'render', agreed.number, '--template', 'agreement', '--format', 'pdf', '--out', out]);
      expect(ok.status, ok.stderr).toBe(0);
      expect((await readFile(out)).subarray(0, 5).toString()).toBe('%PDF-');

      const refused = run(['doc', 'render', agreed.number, '--template', 'oral-agreement', '--out', out]);
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain('本案为书面协议');

      const bad = path.join(work, 'bad.txt');
      await writeFile(bad, '# 标题\n{% for p in parties %}\n{{ p.name | 大写金 }}\n{% endfor %}\n');
      const invalid = run(['template', 'validate', bad]);
      expect(invalid.status).toBe(2);
      expect(invalid.stderr).toMatch(/模板“bad”第3行第\d+列：未知的过滤器“大写金”/);

      const good = path.join(work, 'good.txt');
      await writeFile(good, '# 标题\n{% for p in parties %}@当事人 {{ p.name }}{% endfor %}\n');
      expect(run(['template', 'validate', good]).status).toBe(0);

      const listed = run(['template', 'list']);
      expect(listed.stdout).toMatch(/^agreement\s+人民调解协议书\s+\[内置\]/m);
      expect(listed.stdout).toMatch(/^调解通知\s+调解通知\s+\[本机构\]/m);
      expect(run(['template', 'reset', '调解通知']).stderr).toContain('已删除本机构模板“调解通知”');
      expect(run(['template', 'reset', '调解通知']).status).toBe(3);
    } finally {
      desk = await diskDesk({ dataDir: desk.dataDir });
    }
  });
});
