/** A list of requests as the front desk reads it: number, time, visitor, type, state, what it waits on. */

import { Empty, Table, type TableColumnsType, type TableProps, Tag } from 'antd';

import { DEADLINE_LABELS } from '../../../../electron/core/requests/deadlines';
import type { RequestSummary } from '../../../../electron/core/requests/search';
import type { RequestState } from '../../../../electron/core/schema/codes';
import { navigate } from '../../app/route';

const STATE_COLOURS: Record<RequestState, string> = {
  registered: 'gold',
  answered: 'green',
  routed: 'blue',
  'in-progress': 'geekblue',
  'fed-back': 'cyan',
  'followed-up': 'purple',
  closed: 'default',
};

export function RequestStateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={STATE_COLOURS[state as RequestState] ?? 'default'}>{label}</Tag>;
}

/** `待反馈 12-05`, red once the day has passed. */
export function DueTag({ due, today }: { due: RequestSummary['due']; today: string }) {
  if (!due) return null;
  const overdue = due.date < today;
  return (
    <Tag color={overdue ? 'red' : due.date === today ? 'orange' : 'default'}>
      {DEADLINE_LABELS[due.kind]} {due.date.slice(5)}
      {overdue ? ' 已超期' : ''}
    </Tag>
  );
}

/** `09:05` for today's rows, else the date. */
const when = (receivedAt: string, today: string) =>
  receivedAt.startsWith(today) && receivedAt.length > 10 ? receivedAt.slice(11) : receivedAt.replace('T', ' ');

export function RequestTable(props: {
  items: readonly RequestSummary[] | undefined;
  loading: boolean;
  today: string;
  testId: string;
  /** At a centre: the stations' names by code, for a 站点 column. */
  stations?: ReadonlyMap<string, string>;
  pagination?: TableProps<RequestSummary>['pagination'];
}) {
  const stationColumn: TableColumnsType<RequestSummary> = props.stations
    ? [{ title: '站点', dataIndex: 'station', render: (code?: string) => (code ? (props.stations!.get(code) ?? code) : '') }]
    : [];
  return (
    <Table<RequestSummary>
      data-testid={props.testId}
      size="small"
      rowKey="id"
      loading={props.loading}
      pagination={props.pagination ?? false}
      dataSource={props.items ? [...props.items] : []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" /> }}
      onRow={(row) => ({ onClick: () => navigate('request', [row.id]), style: { cursor: 'pointer' } })}
      columns={[
        ...stationColumn,
        {
          title: '登记编号',
          dataIndex: 'number',
          render: (number: string, row) => (
            <a
              href={`#/request/${row.id}`}
              onClick={(e) => {
                e.stopPropagation();
              }}
            >
              {/* the station's own lists show the sequence; a centre's, year and sequence beside the station */}
              {number
                .split('-')
                .slice(props.stations ? -2 : -1)
                .join('-')}
            </a>
          ),
        },
        { title: '时间', dataIndex: 'receivedAt', render: (v: string) => when(v, props.today) },
        {
          title: '来访人',
          // the table's layout is fixed (事项 is cut with an ellipsis): wide enough for an 11-digit phone on one line
          width: '8em',
          render: (_, row) => (
            <>
              {`${row.visitor.name}${row.visitor.groupSize > 1 ? `等${row.visitor.groupSize}人` : ''}`}
              {row.visitor.phone ? <div className="request-row-phone">{row.visitor.phone}</div> : null}
            </>
          ),
        },
        { title: '业务', dataIndex: 'businessTypeLabel' },
        {
          title: '状态',
          width: 170,
          render: (_, row) => (
            <div className="request-row-tags">
              <RequestStateTag state={row.state} label={row.stateLabel} />
              <DueTag due={row.due} today={props.today} />
              {row.satisfaction === 'dissatisfied' ? <Tag color="red">不满意</Tag> : null}
            </div>
          ),
        },
        { title: '事项', dataIndex: 'matter', ellipsis: true },
      ]}
    />
  );
}
