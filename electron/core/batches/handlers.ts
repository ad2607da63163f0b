/**
 * Handlers for batches: keys, export at a station, verify / import at the centre, receipts, trust.
 * Files are named by path: the desktop app picks them with a dialog, the command line takes arguments.
 */

import path from 'node:path';

import { z } from 'zod';

import { caseIndex, summarise } from '../cases/search';
import { awaitingCorrection } from '../centre/returns';
import type { Desk } from '../desk';
import { DeskError, type ErrorAction, notAllowed } from '../errors';
import { checkOutputPath, readUserJson } from '../files';
import { handler, Overwrite } from '../handler';
import { LIMITS } from '../limits';
import { DateSchema } from '../schema/case';
import { ALLOW } from '../schema/operators';
import type { Request } from '../schema/request';
import { line, requiredParagraph } from '../schema/text';
import { exportBatch, periodOf, receivedDays } from './export';
import { batchFileName, type Selection } from './format';
import { importBatch, importRecords } from './import';
import { ensureKeys, fingerprintOf, ownPublicKeyFile, parsePublicKeyFile, readKeys, rememberCentreKey, sameFingerprint } from './keys';
import { readExportLog, selectCases, selectRequests } from './log';
import { batchDocumentRenderer } from './pdf-pool';
import { batchTemplatesFor } from './pdf-render';
import { appliedReceipts, applyReceipt } from './receipt';
import { recodeStation, revokeStation, trustedStations, trustStation } from './trust';
import { offeredStationKey, verifyBatchFile } from './verify';
import { warmBatchChecks } from './warm';

const FilePath = (what: string) => z.string().trim().min(1, `请指定${what}`).max(LIMITS.pathChars, '路径过长');
const Reason = (what: string) => requiredParagraph(500, `请写明${what}的原因`);

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

function readKeyFile(file: string, field = 'file'): Promise<unknown> {
  return readUserJson(file, { what: '公钥文件', maxBytes: LIMITS.keyFileBytes, field });
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
    z.strictObject({ out: FilePath('公钥文件的保存位置'), overwrite: Overwrite }),
    '导出本机公钥文件（站点交给中心登记；中心交给站点用于加密和核对回执）',
    async (desk, input) => {
      const rules = desk.outputRules({ overwrite: input.overwrite, field: 'out' });
      await checkOutputPath(input.out, rules);
      const file = await ownPublicKeyFile(desk);
      const written = await desk.writeOutput(input.out, `${JSON.stringify(file, null, 2)}\n`, rules);
      return { file: written, role: file.role, fingerprint: file.fingerprint };
    },
  ),

  'keys.importCentre': handler(
    z.strictObject({
      file: FilePath('中心公钥文件'),
      /** Replace a different centre key already recorded (explicit; logged with the reason). */
      replace: z.boolean().optional(),
      reason: line(500).optional(),
    }),
    '站点登记中心的公钥（用于加密上报和核对回执）；更换已登记的中心公钥须明确确认并记录',
    async (desk, input) => {
      if (desk.settings().role !== 'station') throw notAllowed('登记中心公钥在调解站点进行');
      const centre = parsePublicKeyFile(await readKeyFile(input.file), '中心公钥文件');
      const { changed, previous } = await rememberCentreKey(desk, centre, { replace: input.replace, reason: input.reason, field: 'file' });
      return { name: centre.name, fingerprint: centre.fingerprint, changed, ...(previous ? { previous } : {}) };
    },
    ALLOW.admin,
  ),

  'batches.preview': handler(
    z.strictObject(SelectionInput),
    '预览将要上报的案件数和来访登记数',
    async (desk, input) => {
      const selection = selectionOf(input);
      const log = readExportLog(desk);
      const cases = selectCases(desk.store.allCases(), selection, log);
      const requests = selectRequests(desk.store.allRecords<Request>('requests'), selection, log);
      const days = receivedDays(cases, requests);
      const period = selection.kind === 'range' || days.length ? periodOf(days, selection, desk.today()) : undefined;
      const settings = desk.settings();
      const centre = (await readKeys(desk))?.centre;
      return {
        selection,
        count: cases.length,
        requests: requests.length,
        documents: cases.reduce((n, c) => n + batchTemplatesFor(c).length, 0),
        ...(period ? { period, fileName: batchFileName(settings.stationCode, period, log.sequence + 1) } : {}),
        centre: centre ? { name: centre.name, fingerprint: centre.fingerprint } : null,
      };
    },
    ALLOW.station,
  ),

  'batches.export': handler(
    z.strictObject({
      out: FilePath('保存位置（文件夹或 .zip 文件）'),
      overwrite: Overwrite,
      ...SelectionInput,
      withDocuments: z.boolean().default(false),
      /** 零上报: nothing new this month, said in a batch of no cases (only when nothing is pending). */
      zeroReport: z.boolean().default(false),
      sealTo: FilePath('中心公钥文件').optional(),
      /** Seal to the centre key already recorded at this station (the desktop screen's choice). */
      sealToCentre: z.boolean().default(false),
      /** Seal to a centre other than the recorded one: confirmed (`--force`); the recorded centre stays. */
      confirmOtherCentre: z.boolean().optional(),
    }),
    '导出上报批次（签名；可加密给中心；可附文书PDF）',
    async (desk, input, context) => {
      const selection = selectionOf(input);
      let sealTo = input.sealTo ? parsePublicKeyFile(await readKeyFile(input.sealTo, 'sealTo'), '中心公钥文件') : undefined;
      const recorded = (await readKeys(desk))?.centre;
      if (input.sealToCentre && !sealTo) {
        sealTo = recorded;
        if (!sealTo)
          throw new DeskError('NOT_ALLOWED', '尚未登记中心的公钥，无法加密给中心', {
            details: { action: { kind: 'import-centre-key' } satisfies ErrorAction },
          });
      }
      if (sealTo && sealTo.role !== 'centre')
        throw new DeskError('VALIDATION', `“${sealTo.name}”的公钥是站点公钥，只能加密给公共法律服务中心`, { field: 'sealTo' });
      if (sealTo && recorded && recorded.signingKey !== sealTo.signingKey && !input.confirmOtherCentre) {
        throw new DeskError(
          'VALIDATION',
          `中心公钥文件：本站登记的中心是“${recorded.name}”（指纹 ${recorded.fingerprint}），而这个文件是“${sealTo.name}”（指纹 ${sealTo.fingerprint}）。加密给它后只有它能打开这个批次；确需如此请加 --force（登记的中心不会改变；要更换登记的中心请用 keys import-centre --replace）`,
          { field: 'sealTo' },
        );
      }
      return exportBatch(
        desk,
        {
          out: input.out,
          overwrite: input.overwrite,
          selection,
          withDocuments: input.withDocuments,
          zeroReport: input.zeroReport,
          sealTo,
          documents: input.withDocuments ? batchDocumentRenderer(desk) : undefined,
        },
        context,
      );
    },
    ALLOW.station,
  ),

  'batches.warm': handler(
    z.strictObject({}),
    '中心预先启动并预热批次校验（登录后空闲时调用，使第一次校验不必等校验线程启动）',
    async (desk) => (desk.settings().role === 'centre' ? { warmed: true, ...(await warmBatchChecks()) } : { warmed: false, thread: false }),
  ),

  'batches.verify': handler(
    z.strictObject({ file: FilePath('批次文件') }),
    '校验批次文件（签名、每个文件的哈希、案件格式与操作记录），不导入',
    (desk, input, context) => verifyBatchFile(desk, input.file, context),
  ),

  'batches.import': handler(
    z.strictObject({
      file: FilePath('批次文件'),
      receiptOut: FilePath('回执保存位置').optional(),
      /** Replace an existing receipt file at `receiptOut` (`--force`; the save dialog's confirmation). */
      overwrite: Overwrite,
      /** Also list every case with its result (the desktop screen's table). */
      perCase: z.boolean().default(false),
    }),
    '中心导入站点批次（先校验；可重复导入；写出签名回执）',
    async (desk, input, context) => {
      // A receipt path that will be refused is refused before anything is imported.
      if (input.receiptOut) await checkOutputPath(input.receiptOut, desk.outputRules({ overwrite: input.overwrite, field: 'receiptOut' }));
      return importBatch(
        desk,
        input.file,
        { receiptOut: input.receiptOut ? path.resolve(input.receiptOut) : undefined, overwrite: input.overwrite, perCase: input.perCase },
        context,
      );
    },
    ALLOW.centre,
  ),

  'batches.applyReceipt': handler(
    z.strictObject({
      file: FilePath('回执文件'),
      /** The fingerprint of the centre's key in the receipt, read back by phone: registers that key first. */
      trustCentre: z.string().trim().min(1).optional(),
    }),
    '站点应用中心回执：标记“已接收”或“退回”（尚未登记中心公钥时，可在电话核对回执中附带的中心指纹后一并登记）',
    (desk, input) => applyReceipt(desk, input.file, input.trustCentre),
    // Registering the centre's key on the way is 登记中心公钥 (keys.importCentre): an administrator's step.
    (input) => (input.trustCentre ? { roles: ALLOW.admin, what: '登记中心公钥并应用回执' } : ALLOW.station),
  ),

  'batches.returned': handler(z.strictObject({}), '站点：中心退回补正、补正后尚未上报的案件（附中心的理由），最早退回的在前', (desk) => {
    const log = readExportLog(desk);
    const items = caseIndex(desk)
      .all()
      .filter((c) => !c.origin && awaitingCorrection(c, log.exported[c.id]))
      .map((c) => ({
        ...summarise(c),
        reason: c.centreMark!.reason ?? '',
        returnedAt: c.centreMark!.at,
        returnedRevision: c.centreMark!.revision,
      }))
      .sort((a, b) => (a.returnedAt < b.returnedAt ? -1 : a.returnedAt > b.returnedAt ? 1 : 0));
    return { total: items.length, items };
  }),

  'batches.log': handler(z.strictObject({}), '上报记录（站点：导出的批次与应用的回执；中心：导入的批次）', async (desk) => {
    const settings = desk.settings();
    if (settings.role === 'centre') return { role: 'centre' as const, imports: [...(await importRecords(desk))].reverse() };
    const log = readExportLog(desk);
    const pending = selectCases(desk.store.allCases(), { kind: 'pending' }, log).length;
    const pendingRequests = selectRequests(desk.store.allRecords<Request>('requests'), { kind: 'pending' }, log).length;
    return {
      role: 'station' as const,
      pending,
      pendingRequests,
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
    ALLOW.admin,
  ),

  'centre.trustFromBatch': handler(
    z.strictObject({
      file: FilePath('批次文件'),
      fingerprint: z.string().trim().min(1, '请填写与站点电话核对过的指纹').max(100),
    }),
    '中心从站点的批次登记站点公钥（批次附带公钥；须先与站点电话核对指纹）',
    async (desk, input) => {
      const key = await offeredStationKey(input.file);
      if (!sameFingerprint(key.fingerprint, input.fingerprint))
        throw new DeskError('VALIDATION', `核对的指纹（${input.fingerprint}）与批次的指纹（${key.fingerprint}）不一致，未登记`, {
          field: 'fingerprint',
        });
      const { station, already } = await trustStation(desk, key);
      return { ...station, already };
    },
    ALLOW.admin,
  ),

  'centre.recode': handler(
    z.strictObject({
      fingerprint: z.string().trim().min(1, '请指定站点公钥的指纹').max(100),
      stationCode: z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z-]{1,32}$/, '站点代码只能由字母、数字和连字符组成（1到32位）'),
      name: line(100).optional(),
      reason: Reason('变更站点代码'),
    }),
    '中心确认站点的新代码（或名称）：电话核实后有意为之，旧代码留在记录中',
    (desk, input) => recodeStation(desk, input.fingerprint, { stationCode: input.stationCode, name: input.name, reason: input.reason }),
  ),

  'centre.revoke': handler(
    z.strictObject({ fingerprint: z.string().trim().min(1, '请指定要吊销的指纹').max(100), reason: line(200).optional() }),
    '中心吊销站点公钥（之后该公钥签名的批次一律拒绝）',
    (desk, input) => revokeStation(desk, input.fingerprint, input.reason),
    ALLOW.admin,
  ),

  'centre.stations': handler(z.strictObject({}), '中心已登记的站点公钥', async (desk) => {
    if (desk.settings().role !== 'centre') throw notAllowed('站点公钥登记在公共法律服务中心查看');
    const own = await ensureKeys(desk);
    return { centreFingerprint: fingerprintOf(own.signing.publicKey), stations: await trustedStations(desk) };
  }),
};
