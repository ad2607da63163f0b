/**
 * The log never holds an ID number: every message of every transport passes the masking hook.
 * Rotation keeps a fixed number of archives in the user-data folder.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { maskIdNumber } from '../../electron/core/schema/identity';
import { configureLogging, LOG_ARCHIVES, LOG_MAX_BYTES, logFilePath, rotateLogFile } from '../../electron/main/log';
import { maskingHook, maskLogValue, maskSensitiveText } from '../../electron/main/log-mask';
import { IDS } from '../support/desk';

describe('masking', () => {
  it('masks 18-digit ID numbers (also with x) with the core’s maskIdNumber', () => {
    const text = `当事人张三（${IDS.zhangSan}）与李四（${IDS.liSi.toLowerCase()}）`;
    const masked = maskSensitiveText(text);
    expect(masked).toBe(`当事人张三（${maskIdNumber(IDS.zhangSan)}）与李四（${maskIdNumber(IDS.liSi.toLowerCase())}）`);
    expect(masked).not.toContain(IDS.zhangSan);
    expect(masked).toContain('110105********002X');
  });

  it('masks 15-digit legacy IDs, credit codes and mobile numbers', () => {
    const masked = maskSensitiveText('旧证110105491231002；信用代码91510700MA62X1234Y；电话13800138000，+8613900139000');
    expect(masked).not.toMatch(/110105491231002|91510700MA62X1234Y|13800138000|13900139000/);
    expect(masked).toContain('138****8000');
    expect(masked).toContain('915107********234Y');
  });

  it('leaves timestamps, hashes, UUIDs and case numbers alone', () => {
    const text =
      '2026-11-23T10:15:02.123Z 1763892902123 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 6f1c0d8e-2b1a-4c8e-9d2f-0a1b2c3d4e5f （2026）东城调字第12号';
    expect(maskSensitiveText(text)).toBe(text);
  });

  it('masks inside errors (message and stack) and objects', () => {
    const error = new TypeError(`bad party ${IDS.liSi}`);
    const masked = maskLogValue(error) as Error;
    expect(masked).toBeInstanceOf(Error);
    expect(masked.name).toBe('TypeError');
    expect(masked.message).not.toContain(IDS.liSi);
    expect(masked.stack).not.toContain(IDS.liSi);
    const object = maskLogValue({ parties: [{ name: '李四', idNumber: IDS.liSi, phone: '13800138000' }] }) as string;
    expect(object).toContain('李四');
    expect(object).not.toContain(IDS.liSi);
    expect(object).not.toContain('13800138000');
    // An ID number that reached the log as a JS number (precision already lost beyond 2^53) is still masked.
    expect(maskLogValue(Number('510702198503150017'))).not.toContain('198503');
    expect(maskLogValue(42)).toBe(42);
  });

  it('the hook masks every argument of a message', () => {
    const message = { data: ['调用', { id: IDS.wangWu }, IDS.wangWu], level: 'info', date: new Date() };
    const out = maskingHook(message);
    expect(JSON.stringify(out.data)).not.toContain(IDS.wangWu);
    expect(out.level).toBe('info');
  });
});

describe('electron-log configuration', () => {
  function fakeLogger() {
    return {
      hooks: [] as ((message: { data: unknown[] }) => unknown)[],
      transports: { file: {} as Record<string, any>, console: {} as Record<string, any> },
      errorHandler: { startCatching: (options: unknown) => void (fakeLogger.caught = options) },
    };
  }
  fakeLogger.caught = undefined as unknown;

  it('writes to <user data>/logs/main.log, rotates at the size limit, masks through a hook, never shows dialogs', () => {
    const log = fakeLogger();
    configureLogging(log as never, '/home/u/.config/mediation-desk');
    expect(log.transports.file.resolvePathFn()).toBe(logFilePath('/home/u/.config/mediation-desk'));
    expect(logFilePath('/home/u/.config/mediation-desk')).toBe(path.join('/home/u/.config/mediation-desk', 'logs', 'main.log'));
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(log.transports.file.archiveLogFn).toBeTypeOf('function');
    expect(log.hooks).toHaveLength(1);
    const out = log.hooks[0]({ data: [`身份证 ${IDS.zhangSan}`] }) as { data: string[] };
    expect(out.data[0]).toBe(`身份证 ${maskIdNumber(IDS.zhangSan)}`);
    expect(fakeLogger.caught).toEqual({ showDialog: false });
  });

  it('rotation keeps the newest archives and drops the oldest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'logs-'));
    const current = path.join(dir, 'main.log');
    for (let i = 1; i <= LOG_ARCHIVES + 2; i++) {
      writeFileSync(current, `generation ${i}`);
      rotateLogFile(current);
    }
    expect(existsSync(current)).toBe(false);
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe(`generation ${LOG_ARCHIVES + 2}`);
    expect(readFileSync(path.join(dir, `main.${LOG_ARCHIVES}.log`), 'utf8')).toBe('generation 3');
    expect(existsSync(path.join(dir, `main.${LOG_ARCHIVES + 1}.log`))).toBe(false);
  });
});
