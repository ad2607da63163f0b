/**
 * Handlers for batches: keys, export at a station, verify / import at the centre, receipts, trust.
 * Files are named by path: the desktop app picks them with a dialog, the command line takes arguments.
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import type { Desk } from '../desk';
import { DeskError, notAllowed } from '../errors';
import { handler } from '../handler';
import { DateSchema } from '../schema/case';
import { exportBatch } from './export';
import { batchFileName, type Selection } from './format';
import { importBatch, importRecords } from './import';
import { ensureKeys, fingerprintOf, ownPublicKeyFile, parsePublicKeyFile, readKeys, rememberCentreKey } from './keys';
import { readExportLog, selectCases } from './log';
import { batchDocumentRenderer } from './pdf-pool';
import { batchTemplatesFor } from './pdf-render';
import { appliedReceipts, applyReceipt, writeFileAtomically } from './receipt';
import { revokeStation, trustedStations, trustStation } from './trust';
import { verifyBatchFile } from './verify';

const FilePath = (what: string) => z.string().trim().min(1, `请指定${what}`);

/** `--pending | --all | --from --to`: pending by default; dates alone mean a range. */
const SelectionInput = {
  selection: z.enum(['pending', 'all', 'range'], { message: '选择范围应为 pending（待上报）、all（全部）或 range（日期范围）' }).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
};

function selectionOf(input: { selection?: 'pending' | 'all' | 'range'; from?: string; to?: string }): Selection {
  const kind = input.selection ?? (input.from || input.to ? 'range' : 'pending');
  if (kind !== 'range') {
    if (input.from || input.to) throw new DeskError('VALIDATION', '按日期范围选择时不能同时选“待上报”或“全部”', { field: 'from' });
    return { kind };
  }
  if (!input.from || !input.to)
    throw new DeskError('VALIDATION', '按日期范围导出需要同时给出起始日期和截止日期（--from、--to）', {
      field: input.from ? 'to' : 'from',
    });
  if (input.from > input.to) throw new DeskError('VALIDATION', `起始日期（${input.from}）晚于截止日期（${input.to}）`, { field: 'from' });
  return { kind: 'range', from: input.from, to: input.to };
}

async function readKeyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DeskError('NOT_FOUND', `找不到公钥文件“${file}”`);
    throw error;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DeskError('VALIDATION', `“${path.basename(file)}”不是有效的公钥文件（JSON 格式错误）`);
  }
}

async function keySummary(desk: Desk) {
  const file = await ownPublicKeyFile(desk);
  const keys = (await readKeys(desk))!;
  return {
    role: file.role,
    stationCode: file.stationCode,
    name: file.name,
    fingerprint: file.fingerprint,
    signingKey: file.signingKey,
    sealingKey: file.sealingKey,
    createdAt: file.createdAt,
    ...(keys.centre ? { centre: { name: keys.centre.name, fingerprint: keys.centre.fingerprint } } : {}),
  };
}

export const batchHandlers = {
  'keys.show': handler(z.strictObject({}), '查看本机的公钥和指纹（首次使用时生成密钥）', (desk) => keySummary(desk)),

  'keys.export': handler(
    z.strictObject({ out: FilePath('公钥文件的保存位置') }),
    '导出本机公钥文件（站点交给中心登记；中心交给站点用于加密和核对回执）',
    async (desk, input) => {
      const file = await ownPublicKeyFile(desk);
      await writeFileAtomically(path.resolve(input.out), `${JSON.stringify(file, null, 2)}\n`);
      return { file: path.resolve(input.out), role: file.role, fingerprint: file.fingerprint };
    },
  ),

  'keys.importCentre': handler(
    z.strictObject({ file: FilePath('中心公钥文件') }),
    '站点登记中心的公钥（用于加密上报和核对回执）',
    async (desk, input) => {
      if (desk.settings().role !== 'station') throw notAllowed('登记中心公钥在调解站点进行');
      const centre = parsePublicKeyFile(await readKeyFile(input.file), '中心公钥文件');
      const { changed, previous } = await rememberCentreKey(desk, centre);
      return { name: centre.name, fingerprint: centre.fingerprint, changed, ...(previous ? { previous } : {}) };
    },
  ),

  'batches.preview': handler(z.strictObject(SelectionInput), '预览将要上报的案件数', async (desk, input) => {
    const selection = selectionOf(input);
    const log = readExportLog(desk);
    const cases = selectCases(desk.store.allCases(), selection, log);
    const dates = cases.map((c) => c.receivedAt).sort();
    const period =
      selection.kind === 'range'
        ? { from: selection.from, to: selection.to }
        : dates.length
          ? { from: dates[0], to: dates[dates.length - 1] }
          : undefined;
    const settings = desk.settings();
    const centre = (await readKeys(desk))?.centre;
    return {
      selection,
      count: cases.length,
      documents: cases.reduce((n, c) => n + batchTemplatesFor(c).length, 0),
      ...(period ? { period, fileName: batchFileName(settings.stationCode, period, log.sequence + 1) } : {}),
      centre: centre ? { name: centre.name, fingerprint: centre.fingerprint } : null,
    };
  }),

  'batches.export': handler(
    z.strictObject({
      out: FilePath('保存位置（文件夹或 .zip 文件）'),
      ...SelectionInput,
      withDocuments: z.boolean().default(false),
      sealTo: z.string().trim().min(1).optional(),
      /** Seal to the centre key already recorded at this station (the desktop screen's choice). */
      sealToCentre: z.boolean().default(false),
    }),
    '导出上报批次（签名；可加密给中心；可附文书PDF）',
    async (desk, input, context) => {
      const selection = selectionOf(input);
      let sealTo = input.sealTo ? parsePublicKeyFile(await readKeyFile(input.sealTo), '中心公钥文件') : undefined;
      if (input.sealToCentre && !sealTo) {
        sealTo = (await readKeys(desk))?.centre;
        if (!sealTo) throw notAllowed('尚未登记中心的公钥，无法加密：请先在“密钥与指纹”中导入中心的公钥文件');
      }
      if (sealTo && sealTo.role !== 'centre')
        throw new DeskError('VALIDATION', `“${sealTo.name}”的公钥是站点公钥，只能加密给公共法律服务中心`, { field: 'sealTo' });
      return exportBatch(
        desk,
        {
          out: input.out,
          selection,
          withDocuments: input.withDocuments,
          sealTo,
          documents: input.withDocuments ? batchDocumentRenderer(desk) : undefined,
        },
        context,
      );
    },
  ),

  'batches.verify': handler(
    z.strictObject({ file: FilePath('批次文件') }),
    '校验批次文件（签名、每个文件的哈希、案件格式与操作记录），不导入',
    (desk, input, context) => verifyBatchFile(desk, input.file, context),
  ),

  'batches.import': handler(
    z.strictObject({
      file: FilePath('批次文件'),
      receiptOut: z.string().trim().min(1).optional(),
      /** Also list every case with its result (the desktop screen's table). */
      perCase: z.boolean().default(false),
    }),
    '中心导入站点批次（先校验；可重复导入；写出签名回执）',
    (desk, input, context) =>
      importBatch(
        desk,
        input.file,
        { receiptOut: input.receiptOut ? path.resolve(input.receiptOut) : undefined, perCase: input.perCase },
        context,
      ),
  ),

  'batches.applyReceipt': handler(z.strictObject({ file: FilePath('回执文件') }), '站点应用中心回执：标记“已接收”或“退回”', (desk, input) =>
    applyReceipt(desk, input.file),
  ),

  'batches.log': handler(z.strictObject({}), '上报记录（站点：导出的批次与应用的回执；中心：导入的批次）', async (desk) => {
    const settings = desk.settings();
    if (settings.role === 'centre') return { role: 'centre' as const, imports: [...(await importRecords(desk))].reverse() };
    const log = readExportLog(desk);
    const pending = selectCases(desk.store.allCases(), { kind: 'pending' }, log).length;
    return {
      role: 'station' as const,
      pending,
      exports: [...log.batches].reverse().map(({ cases: _cases, ...rest }) => rest),
      receipts: appliedReceipts(desk),
    };
  }),

  'centre.trust': handler(
    z.strictObject({ file: FilePath('站点公钥文件') }),
    '中心登记站点公钥（先与站点电话核对指纹）',
    async (desk, input) => {
      const file = parsePublicKeyFile(await readKeyFile(input.file), '站点公钥文件');
      const { station, already } = await trustStation(desk, file);
      return { ...station, already };
    },
  ),

  'centre.revoke': handler(
    z.strictObject({ fingerprint: z.string().trim().min(1, '请指定要吊销的指纹'), reason: z.string().trim().max(200).optional() }),
    '中心吊销站点公钥（之后该公钥签名的批次一律拒绝）',
    (desk, input) => revokeStation(desk, input.fingerprint, input.reason),
  ),

  'centre.stations': handler(z.strictObject({}), '中心已登记的站点公钥', async (desk) => {
    if (desk.settings().role !== 'centre') throw notAllowed('站点公钥登记在公共法律服务中心查看');
    const own = await ensureKeys(desk);
    return { centreFingerprint: fingerprintOf(own.signing.publicKey), stations: await trustedStations(desk) };
  }),
};
