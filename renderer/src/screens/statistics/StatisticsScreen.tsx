/**
 * 统计: the report for any period (month, quarter, year, from–to) by dispute type, source, mediator or
 * station, its XLSX/CSV export, and charts (cases by month, by type, success rate over time). The
 * figures come from the core's `stats.report` / `stats.series`: the same definitions as the CLI and
 * the exports (README, section oversight).
 */

import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';

import { formatYuan } from '../../../../electron/core/money';
import { periodLabel } from '../../../../electron/core/oversight/period';
import { STATS_BY_LABELS, STATS_COLUMNS, type StatsBy, type StatsRow } from '../../../../electron/core/oversight/stats';
import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useCall } from '../../components/useCall';
import { useFailure } from '../../components/useFailure';
import { Chart, type ChartOption } from './Chart';
import { chartRange, periodInput, type PeriodState } from './period';
import { formatDay, PeriodPicker } from './PeriodPicker';
import { saveFile } from './save';
import { StatsHead } from './StatsHead';

const rate = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

type StatsField = (typeof STATS_COLUMNS)[number]['field'];

/** Where each header may break, so that no heading breaks inside a word (调解/成功率, not 调解成/功率). */
const HEAD_LINES: Partial<Record<StatsField, string[]>> = {
  resolved: ['调解', '成功'],
  failed: ['调解', '不成'],
  successRate: ['调解', '成功率'],
  amountFen: ['涉及', '金额'],
  people: ['涉及', '人数'],
  written: ['书面', '协议'],
  oral: ['口头', '协议'],
  confirmationApplied: ['申请', '司法确认'],
  confirmed: ['司法确认', '有效'],
  performed: ['协议', '已履行'],
};

function cell(row: StatsRow, field: StatsField): string {
  if (field === 'successRate') return rate(row.successRate);
  if (field === 'amountFen') return formatYuan(row.amountFen);
  return String(row[field]);
}

export default function StatisticsScreen() {
  const { dataVersion, settings } = useDesk();
  const { message } = App.useApp();
  const reportFailure = useFailure();
  const today = dayjs();
  const [period, setPeriod] = useState<PeriodState>({
    mode: 'month',
    day: formatDay(today),
    from: formatDay(today.startOf('month')),
    to: formatDay(today),
  });
  const [by, setBy] = useState<StatsBy>(settings?.role === 'centre' ? 'station' : 'type');
  const [exporting, setExporting] = useState<string>();

  const input = periodInput(period);
  const key = JSON.stringify(input);
  const report = useCall('stats.report', { ...input, by }, [key, by, dataVersion]);
  const range = chartRange(period);
  const series = useCall('stats.series', range, [range.from, range.to, dataVersion]);
  // The by-type chart shows the table's period (not the months chart's wider range).
  const typeReport = useCall('stats.report', by === 'type' ? null : { ...input, by: 'type' }, [key, by, dataVersion]);
  const types = (by === 'type' ? report.data : typeReport.data)?.rows;

  // No fixed widths: each column takes what its heading and figures need, so the table fits 1366 px.
  const columns: ColumnsType<StatsRow> = [
    { title: STATS_BY_LABELS[by], dataIndex: 'label', key: 'label', fixed: 'left', className: 'stats-label' },
    ...STATS_COLUMNS.map((col) => ({
      title: <StatsHead label={col.label} unit={col.unit} lines={HEAD_LINES[col.field]} />,
      key: col.field,
      align: 'right' as const,
      className: 'stats-figure',
      render: (_: unknown, row: StatsRow) => cell(row, col.field),
    })),
  ];

  const exportAs = async (format: 'xlsx' | 'csv') => {
    if (!report.data) return;
    setExporting(format);
    try {
      const label = periodLabel(report.data);
      const saved = await saveFile({
        title: '导出统计报表',
        defaultName: `人民调解工作统计表_${label}.${format}`,
        filters: format === 'xlsx' ? [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] : [{ name: 'CSV（逗号分隔）', extensions: ['csv'] }],
        mimeType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        produce: (out) => call('stats.export', { ...input, by, format, out, overwrite: out !== undefined }),
      });
      if (saved) void message.success(`已导出：${saved}`);
    } catch (error) {
      reportFailure(error);
    } finally {
      setExporting(undefined);
    }
  };

  const byMonth = useMemo<ChartOption | null>(() => {
    if (!series.data) return null;
    const months = series.data.months;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: [
        { type: 'value', name: '件', minInterval: 1 },
        { type: 'value', name: '成功率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: '受理', type: 'bar', data: months.map((m) => m.received) },
        { name: '调解成功', type: 'bar', data: months.map((m) => m.resolved) },
        { name: '调解不成', type: 'bar', data: months.map((m) => m.failed) },
        {
          name: '调解成功率',
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: months.map((m) => (m.successRate === null ? null : Math.round(m.successRate * 1000) / 10)),
          tooltip: { valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}%`) },
        },
      ],
    };
  }, [series.data]);

  const byType = useMemo<ChartOption | null>(() => {
    if (!types) return null;
    const shown = types.filter((t) => t.received > 0).sort((a, b) => a.received - b.received);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 96, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((t) => t.label) },
      series: [{ name: '受理', type: 'bar', data: shown.map((t) => t.received), label: { show: true, position: 'right' } }],
    };
  }, [types]);

  const r = report.data;
  return (
    <Page
      title="统计"
      subtitle={
        r
          ? [`${periodLabel(r)}（${r.from} 至 ${r.to}）`, '· 口径：受理按登记日期，', '调解成功按协议日期，', '调解不成、撤回按办结日期']
          : undefined
      }
      extra={
        <Space>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting === 'xlsx'}
            disabled={!r}
            onClick={() => void exportAs('xlsx')}
            data-testid="stats-export-xlsx"
          >
            导出 Excel
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} disabled={!r} onClick={() => void exportAs('csv')}>
            导出 CSV
          </Button>
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <Space>
            <Typography.Text strong>统计期间</Typography.Text>
            <PeriodPicker period={period} onChange={setPeriod} />
          </Space>
          <Space>
            <Typography.Text strong>分组</Typography.Text>
            <Segmented
              options={(Object.keys(STATS_BY_LABELS) as StatsBy[]).map((k) => ({ value: k, label: STATS_BY_LABELS[k] }))}
              value={by}
              onChange={(v) => setBy(v as StatsBy)}
              data-testid="stats-by"
            />
          </Space>
        </Space>
      </Card>

      <ErrorNotice
        error={report.error ?? series.error ?? typeReport.error}
        onRetry={() => {
          report.reload();
          series.reload();
          typeReport.reload();
        }}
      />

      <Table<StatsRow>
        data-testid="stats-table"
        size="small"
        bordered
        loading={report.loading}
        rowKey="key"
        columns={columns}
        dataSource={r?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          r ? (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{r.total.label}</Table.Summary.Cell>
                {STATS_COLUMNS.map((col, i) => (
                  <Table.Summary.Cell key={col.field} index={i + 1} align="right">
                    {cell(r.total, col.field)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {by === 'mediator' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          一案有多名调解员的，分别计入各调解员，合计只计一次。
        </Typography.Paragraph>
      ) : null}

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`按月受理、办结与调解成功率（${range.from.slice(0, 7)} 至 ${range.to.slice(0, 7)}）`}>
            {byMonth ? <Chart option={byMonth} testId="chart-months" /> : null}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`按纠纷类型的受理数（${r ? periodLabel(r) : '同一期间'}）`}>
            {byType ? <Chart option={byType} height={420} testId="chart-types" /> : null}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
