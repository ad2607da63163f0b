/**
 * Handlers for the centre's supervision of its stations: overview, returns for correction, receipts on demand.
 * Supervising is the centre's side of batches (管理员 or 中心工作人员), like importing them; the station
 * names are anyone's to read (filters and labels).
 */

import { z } from 'zod';

import { handler, Overwrite } from '../handler';
import { registerOf } from '../register';
import { ALLOW } from '../schema/operators';
import { centreOverview } from './overview';
import { issueReceipt } from './receipts';
import { importRecords, readReturns, requireCentre, saveReturns, stationNames, trustedStations } from './records';
import { newReturn, RETURN_STATUS_LABELS } from './returns';

export const centreHandlers = {
  'centre.overview': handler(
    z.strictObject({}),
    '中心概览：各站点最近一次批次、本月和本年收到的批次与案件、多少天未上报、本月上报状态（已上报/零上报/未上报）、待补正的退回',
    async (desk) => {
      requireCentre(desk, '查看站点概览');
      return centreOverview({
        stations: await trustedStations(desk),
        imports: await importRecords(desk),
        returns: (await readReturns(desk)).returns,
        today: desk.today(),
        silentDays: desk.settings().silentStationDays,
      });
    },
    ALLOW.centre,
  ),

  'centre.stationNames': handler(z.strictObject({}), '中心已知的站点（代码与名称），用于筛选和显示', async (desk) =>
    [...(await stationNames(desk))].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
  ),

  'centre.return': handler(
    z.strictObject({
      id: z.string().min(1, '请指定案件（ID或案号）'),
      reason: z.string().trim().min(1, '请填写退回补正的理由').max(2_000),
    }),
    '退回补正：把导入的案件退回站点，附中心的理由；下一份发给该站点的回执带上它',
    async (desk, input) => {
      requireCentre(desk, '退回补正');
      const c = await desk.findCase(input.id);
      const entry = newReturn(await readReturns(desk), c, input.reason, desk.nowIso(), desk.operator(), desk.newId());
      await saveReturns(desk, [entry]);
      return entry;
    },
    ALLOW.centre,
  ),

  'centre.returns': handler(
    z.strictObject({ caseId: z.string().optional(), status: z.enum(['open', 'closed']).optional(), station: z.string().optional() }),
    '退回补正的记录（待站点补正的、已补正的）',
    async (desk, input) => {
      requireCentre(desk, '查看退回补正');
      const caseId = input.caseId ? (await desk.findCase(input.caseId)).id : undefined;
      const returns = (await readReturns(desk)).returns
        .filter((r) => (!caseId || r.caseId === caseId) && (!input.status || r.status === input.status))
        .filter((r) => !input.station || r.stationCode === input.station);
      const current = await registerOf(desk).casesByIds([...new Set(returns.map((r) => r.caseId))]);
      return returns
        .map((r) => ({ ...r, statusLabel: RETURN_STATUS_LABELS[r.status], currentRevision: current.get(r.caseId)?.revision }))
        .reverse();
    },
    ALLOW.centre,
  ),

  'centre.issueReceipt': handler(
    z.strictObject({
      station: z.string().trim().min(1, '请指定站点代码').max(100),
      out: z.string().trim().min(1, '请指定回执的保存位置').max(4_096, '路径过长'),
      overwrite: Overwrite,
    }),
    '签发回执给站点：该站点的全部案件，退回补正的附理由，其余为已接收',
    (desk, input) => issueReceipt(desk, input.station, input.out, input.overwrite),
    ALLOW.centre,
  ),
};
