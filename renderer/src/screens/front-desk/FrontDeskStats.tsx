/**
 * 统计 → 统一受理: the front desk's table for a month, quarter, year or any range, by business type,
 * channel, handling or (at a centre) station, with its total row; exported as XLSX through the core
 * (`requests.statsExport`, the one output guard). The figures are the CLI's `request stats`.
 */

import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';

import { periodLabel } from '../../../../electron/core/oversight/period';
import {
  cellText,
  REQUEST_REPORT_TITLE,
  REQUEST_STATS_BY_LABELS,
  REQUEST_STATS_COLUMNS,
  type RequestCounts,
  type RequestStatsBy,
  type RequestStatsRow,
} from '../../../../electron/core/requests/stats';
import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';
import { periodInput, type PeriodState } from '../statistics/period';
import { formatDay, PeriodPicker } from '../statistics/PeriodPicker';
import { saveFile } from '../statistics/save';
import { StatsHead } from '../statistics/StatsHead';

/** Where each heading may break (between words, never inside one). */
const HEAD_LINES: Partial<Record<keyof RequestCounts, string[]>> = {
  visitors: ['来访', '人次'],
  onTheSpot: ['当场', '解答'],
  scheduled: ['约期', '答复'],
  legalAidGuidance: ['引导申请', '法律援助'],
  toMediationHandling: ['转人民', '调解'],
  otherChannel: ['告知', '其他渠道'],
  toMediation: ['已转', '调解'],
  basicallySatisfied: ['基本', '满意'],
  callbacksOpen: ['不满意', '待回复'],
};

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function FrontDeskStats() {
  const { dataVersion, settings } = useDesk();
  const { message } = App.useApp();
  const atCentre = settings?.role === 'centre';
  const today = dayjs();
  const [period, setPeriod] = useState<PeriodState>({
    mode: 'year',
    day: formatDay(today),
    from: formatDay(today.startOf('year')),
    to: formatDay(today),
  });
  const [by, setBy] = useState<RequestStatsBy>(atCentre ? 'station' : 'type');
  const [exporting, setExporting] = useState(false);
  const input = periodInput(period);
  const report = useCall('requests.stats', { ...input, by }, [JSON.stringify(input), by, dataVersion]);
  const r = report.data;

  const columns: ColumnsType<RequestStatsRow> = [
    // No fixed widths: each column takes what its heading and figures need (as the cases' 统计 does).
    { title: REQUEST_STATS_BY_LABELS[by], dataIndex: 'label', key: 'label', fixed: 'left', className: 'stats-label' },
    ...REQUEST_STATS_COLUMNS.map((col) => ({
      title: <StatsHead label={col.label} unit={col.unit} lines={HEAD_LINES[col.field]} />,
      key: col.field,
      align: 'right' as const,
      className: 'stats-figure',
      render: (_: unknown, row: RequestStatsRow) => cellText(row, col.field),
    })),
  ];

  const exportXlsx = async () => {
    if (!r) return;
    setExporting(true);
    try {
      const saved = await saveFile({
        title: '导出统一受理工作统计表',
        defaultName: `${REQUEST_REPORT_TITLE}_${periodLabel(r)}.xlsx`,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
        mimeType: XLSX_MIME,
        produce: (out) => call('requests.statsExport', { ...input, by, format: 'xlsx', out, overwrite: out !== undefined }),
      });
      if (saved) void message.success(`已导出：${saved}`);
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setExporting(false);
    }
  };

  const byOptions = (Object.keys(REQUEST_STATS_BY_LABELS) as RequestStatsBy[]).filter((k) => k !== 'station' || atCentre);
  return (
    <Page
      title={REQUEST_REPORT_TITLE}
      subtitle={
        r ? [`${periodLabel(r)}（${r.from} 至 ${r.to}，截至 ${r.asOf}）`, '· 口径：按登记日期统计，', '办理情况截至今日'] : undefined
      }
      extra={
        <Button
          icon={<FileExcelOutlined />}
          loading={exporting}
          disabled={!r}
          onClick={() => void exportXlsx()}
          data-testid="fd-stats-export"
        >
          导出 Excel
        </Button>
      }
    >
      <ErrorNotice error={report.error} onRetry={report.reload} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Space wrap>
            <Typography.Text strong>统计期间</Typography.Text>
            <PeriodPicker period={period} onChange={setPeriod} />
          </Space>
          <Space wrap>
            <Typography.Text strong>分组</Typography.Text>
            <Segmented
              options={byOptions.map((k) => ({ value: k, label: REQUEST_STATS_BY_LABELS[k] }))}
              value={by}
              onChange={(v) => setBy(v as RequestStatsBy)}
              data-testid="fd-stats-by"
            />
          </Space>
        </Space>
      </Card>
      <Table<RequestStatsRow>
        data-testid="fd-stats-table"
        size="small"
        bordered
        rowKey="key"
        loading={report.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={r ? [...r.rows, { ...r.total, label: '合计' }] : []}
      />
    </Page>
  );
}
