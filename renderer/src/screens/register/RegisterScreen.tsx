/**
 * 案件: the register. Search as you type (number, names, pinyin initials, ID numbers, phones),
 * filters, and a virtualised table that stays smooth with the whole register loaded.
 * Keyboard: the search box has focus; ↓/↑ move the highlighted row, Enter opens it.
 */

import { FormOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

import type { CaseSummary } from '../../../../electron/core/cases/search';
import { stationLabel } from '../../../../electron/core/oversight/stats';
import { CASE_STATUSES, DISPUTE_TYPES } from '../../../../electron/core/schema/codes';
import { useDesk } from '../../app/desk-context';
import { screenAt, type ScreenProps } from '../../app/registry';
import { navigate } from '../../app/route';
import { rowHeight } from '../../app/theme';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { useDebounced } from '../../components/useDebounced';
import { registerColumns, useColumnChoice } from './columns';
import { ColumnSettings } from './ColumnSettings';
import { type RegisterFilters, registerView, type Sorter, type SortKey, stationsOf } from './filter';
import { RegisterPrint } from './RegisterPrint';
import { useCaseList } from './useCaseList';

export default function RegisterScreen({ query }: ScreenProps) {
  const { dataVersion, settings, largeText, operator: signedIn } = useDesk();
  // 我的案件: the signed-in operator's (the core resolves `mine` the same way)
  const operator = signedIn?.name ?? '';
  const [text, setText] = useState(query.get('q') ?? '');
  const q = useDebounced(text.trim(), 150);
  const [filters, setFilters] = useState<RegisterFilters>(() => ({
    statuses: query.get('status') ? query.get('status')!.split(',') : undefined,
    type: query.get('type') ?? undefined,
    mediator: query.get('mine') ? operator || undefined : (query.get('mediator') ?? undefined),
    station: query.get('station') ?? undefined,
  }));
  const [sorter, setSorter] = useState<Sorter>();
  /** The row ↑/↓ highlighted; -1: none yet. */
  const [active, setActive] = useState(-1);
  const [retry, setRetry] = useState(0);
  const listed = useCaseList(q, dataVersion, retry);

  const rows = useMemo(() => registerView(listed.rows, filters, sorter), [listed.rows, filters, sorter]);
  useEffect(() => setActive(-1), [rows]);

  const boxRef = useRef<HTMLDivElement>(null);
  const height = useAvailableHeight(boxRef);
  const stations = useMemo(() => stationsOf(listed.rows), [listed.rows]);
  const hasStations = stations.length > 0;
  const mediators = settings?.mediators ?? [];

  const [shown, setShown] = useColumnChoice();
  const available = useWidth(boxRef);
  const { columns, width: tableWidth } = useMemo(
    () => registerColumns(shown, rows, { largeText, available, hasStations }),
    [shown, rows, largeText, available, hasStations],
  );
  const tableRef = useRef<{ scrollTo(config: { index: number }): void }>(null);

  // ↓ from the search box highlights the first row (nothing is highlighted before), ↑/↓ move, Enter opens.
  const move = (to: number) => {
    setActive(to);
    tableRef.current?.scrollTo({ index: to });
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && rows.length) {
      event.preventDefault();
      move(Math.min(rows.length - 1, active + 1));
    } else if (event.key === 'ArrowUp' && rows.length) {
      event.preventDefault();
      move(Math.max(0, active - 1));
    } else if (event.key === 'Enter' && !(event.target as HTMLElement).closest('.ant-select, .ant-picker')) {
      const row = rows[active] ?? (rows.length === 1 ? rows[0] : undefined);
      if (!row) return;
      event.preventDefault();
      navigate('case', [row.id]);
    }
  };

  const range: [Dayjs | null, Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  return (
    <Page
      title="案件"
      subtitle={
        listed.total === undefined
          ? '正在载入……'
          : listed.complete
            ? `共 ${rows.length} 件${q ? `（按“${q}”查找）` : ''}`
            : `正在载入 ${listed.rows.length}/${listed.total} 件${q ? `（按“${q}”查找）` : ''}……`
      }
      extra={
        <Space wrap>
          <RegisterPrint filters={filters} q={q} count={rows.length} />
          {screenAt('intake', settings?.role) ? (
            <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('intake')}>
              纠纷登记
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space wrap size="middle" style={{ marginBottom: 12 }} onKeyDown={onKey}>
        <Input.Search
          autoFocus
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="案号、姓名、拼音首字母、证件号、电话"
          style={{ width: largeText ? 480 : 400 }}
          loading={listed.loading}
          aria-label="查找案件"
          data-testid="register-search"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 180 }}
          value={filters.statuses as string[] | undefined}
          onChange={(v: string[]) => setFilters((f) => ({ ...f, statuses: v.length ? v : undefined }))}
          options={CASE_STATUSES.entries.map((e) => ({ value: e.code, label: e.label }))}
          maxTagCount="responsive"
          aria-label="按状态筛选"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="纠纷类型"
          style={{ width: 160 }}
          value={filters.type}
          onChange={(v?: string) => setFilters((f) => ({ ...f, type: v || undefined }))}
          options={DISPUTE_TYPES.entries.map((e) => ({ value: e.code, label: e.label }))}
          aria-label="按纠纷类型筛选"
        />
        <Select
          allowClear
          placeholder="调解员"
          style={{ width: 140 }}
          value={filters.mediator}
          onChange={(v?: string) => setFilters((f) => ({ ...f, mediator: v || undefined }))}
          options={mediators.map((m) => ({ value: m, label: m }))}
          aria-label="按调解员筛选"
        />
        {hasStations ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="站点"
            style={{ width: 240 }}
            value={filters.station}
            onChange={(v?: string) => setFilters((f) => ({ ...f, station: v || undefined }))}
            options={stations.map((s) => ({ value: s.code, label: stationLabel(s.code, s.name) }))}
            aria-label="按站点筛选"
            data-testid="register-station"
          />
        ) : null}
        {operator ? (
          <Checkbox
            checked={filters.mediator === operator}
            onChange={(e) => setFilters((f) => ({ ...f, mediator: e.target.checked ? operator : undefined }))}
            data-testid="register-mine"
          >
            我的案件
          </Checkbox>
        ) : null}
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[true, true]}
          placeholder={['登记日期从', '至']}
          onChange={(value) =>
            setFilters((f) => ({
              ...f,
              from: value?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: value?.[1]?.format('YYYY-MM-DD') ?? undefined,
            }))
          }
        />
        <Button
          onClick={() => {
            setFilters({});
            setText('');
            setSorter(undefined);
          }}
        >
          清除条件
        </Button>
        <ColumnSettings shown={shown} onChange={setShown} />
      </Space>
      <ErrorNotice error={listed.error} onRetry={() => setRetry((r) => r + 1)} />
      <div ref={boxRef} data-testid="register-table" className="register-table">
        <Table<CaseSummary>
          ref={tableRef as never}
          virtual
          size={largeText ? 'large' : 'middle'}
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          loading={listed.total === undefined && listed.loading}
          scroll={{ x: tableWidth, y: height }}
          rowClassName={(_, index) => (index === active ? 'row-active' : '')}
          onRow={(row) => ({ onClick: () => navigate('case', [row.id]), style: { cursor: 'pointer', height: rowHeight(largeText) } })}
          onChange={(_p, _f, s) => {
            const one = Array.isArray(s) ? s[0] : s;
            setSorter(one?.order ? { key: (one.columnKey as SortKey) ?? 'receivedAt', order: one.order } : undefined);
          }}
          locale={{ emptyText: listed.loading ? '正在查找……' : <Typography.Text type="secondary">没有符合条件的案件</Typography.Text> }}
        />
      </div>
    </Page>
  );
}

/** The width of the table's box, kept up to date (window resized, menu folded). */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(1000);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Height left for the table body below its top edge, kept up to date on resize. */
function useAvailableHeight(ref: React.RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(400);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 200;
      setHeight(Math.max(240, window.innerHeight - top - 90));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
  return height;
}
