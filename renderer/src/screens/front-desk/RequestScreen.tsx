/**
 * 来访登记详情 (#/request/<id>): the registration, its handling record, its time limits and the actions
 * its state allows (the core says which and why not), the 转办单 to print, and the mediation case it
 * became. Everything shown comes from `requests.get`; every change goes through `requests.act`.
 */

import { EditOutlined, FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Table, Tag, Timeline, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

import { describeChanges } from '../../../../electron/core/cases/event-text';
import {
  BUSINESS_TYPES,
  DISPUTE_TYPES,
  NOTIFY_METHODS,
  REQUEST_CHANNELS,
  REQUEST_STATES,
  SATISFACTION,
} from '../../../../electron/core/schema/codes';
import { maskIdNumber } from '../../../../electron/core/schema/identity';
import { ALLOW, allows } from '../../../../electron/core/schema/operators';
import { REQUEST_ACTION_LABELS, REQUEST_LABELS, type RequestAction } from '../../../../electron/core/schema/request';
import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import type { ScreenProps } from '../../app/registry';
import { navigate } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Page } from '../../components/Page';
import { messageOf, useCall } from '../../components/useCall';
import { download, printPdf } from '../documents/pdf';
import { EditRequestModal } from './EditRequestModal';
import { RequestActionModal } from './RequestActionModal';
import { RequestStateTag } from './RequestTable';

const EVENT_LABELS: Record<string, string> = {
  created: '登记',
  edited: '修改登记信息',
  'document-generated': '打印转办单',
  ...REQUEST_ACTION_LABELS,
};

export default function RequestScreen({ params }: ScreenProps) {
  const id = params[0] ?? '';
  const { dataVersion, dataChanged, settings, operator } = useDesk();
  const { message } = App.useApp();
  const loaded = useCall('requests.get', { id }, [id, dataVersion]);
  const [acting, setActing] = useState<RequestAction>();
  const [printing, setPrinting] = useState(false);
  const [editing, setEditing] = useState(false);

  if (!loaded.data) {
    return (
      <Page title="来访登记">
        <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
        {loaded.loading ? <Card loading /> : null}
      </Page>
    );
  }
  const { request: r, actions, deadlines } = loaded.data;
  const v = r.visitor;
  const today = dayjs().format('YYYY-MM-DD');
  // The front desk (受理员, 管理员) handles a station's own requests; at a centre they are read only.
  const handles = !r.origin && allows(ALLOW.frontDesk, operator?.role);
  const back = r.origin ? { key: 'centre-requests', label: '返回来访登记' } : { key: 'front-desk', label: '返回统一受理' };

  const slip = async (format: 'pdf' | 'docx', print: boolean) => {
    setPrinting(true);
    try {
      const made = await call('requests.slip', { id: r.id, format });
      if (!('base64' in made) || !made.base64) return;
      if (print) printPdf(made.base64);
      else
        download(
          made.base64,
          `转办单_${r.number}.${format}`,
          format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
      loaded.reload();
    } catch (failure) {
      message.error(messageOf(failure));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <Page
      title={<span data-testid="request-number">来访登记 {r.number}</span>}
      subtitle={
        <Space wrap>
          <RequestStateTag state={r.state} label={REQUEST_STATES.label(r.state)} />
          <span>{`${BUSINESS_TYPES.label(r.businessType)} · ${REQUEST_CHANNELS.label(r.channel)}`}</span>
          <span>{r.receivedAt.replace('T', ' ')}</span>
          <span>首问负责人：{r.firstResponder}</span>
          {r.origin ? <span data-testid="request-origin">{`来自站点：${r.origin.stationName}（${r.origin.stationCode}）`}</span> : null}
        </Space>
      }
      extra={<Button onClick={() => navigate(back.key)}>{back.label}</Button>}
    >
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      <Card style={{ marginBottom: 16 }} data-testid="request-actions">
        <Space wrap>
          {actions
            .filter((a) => a.allowed && handles)
            .map((a) => (
              <Button key={a.action} type={a.action === 'close' ? 'default' : 'primary'} onClick={() => setActing(a.action)}>
                {a.label}
              </Button>
            ))}
          {handles && r.state !== 'closed' ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="request-edit">
              修改登记信息
            </Button>
          ) : null}
          {r.routing && handles ? (
            <>
              <Button icon={<PrinterOutlined />} loading={printing} onClick={() => void slip('pdf', true)}>
                打印转办单
              </Button>
              <Tooltip title="下载PDF">
                <Button icon={<FilePdfOutlined />} aria-label="转办单PDF" onClick={() => void slip('pdf', false)} />
              </Tooltip>
              <Tooltip title="下载Word（DOCX）">
                <Button icon={<FileWordOutlined />} aria-label="转办单DOCX" onClick={() => void slip('docx', false)} />
              </Tooltip>
            </>
          ) : null}
          {r.mediationCase ? (
            <Button onClick={() => navigate('case', [r.mediationCase!.id])} data-testid="request-case-link">
              调解案件 {r.mediationCase.number}
            </Button>
          ) : null}
          {r.origin ? <span>站点上报的来访登记，在中心只能查看</span> : null}
          {!r.origin && actions.every((a) => !a.allowed) && !r.routing ? <span>本登记已无待办操作</span> : null}
        </Space>
      </Card>
      <Card title="登记信息" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="来访人">{`${v.name}${v.groupSize > 1 ? `（共${v.groupSize}人）` : ''}`}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{v.phone ?? ''}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{v.idDeclined ? '来访人不愿提供' : maskIdNumber(v.idNumber)}</Descriptions.Item>
          <Descriptions.Item label="住址">{v.address ?? ''}</Descriptions.Item>
          <Descriptions.Item label="业务类型">{BUSINESS_TYPES.label(r.businessType)}</Descriptions.Item>
          <Descriptions.Item label="纠纷类型">{r.category ? DISPUTE_TYPES.label(r.category) : '—'}</Descriptions.Item>
          <Descriptions.Item label="来访事项" span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.matter}</span>
          </Descriptions.Item>
          {r.answer ? (
            <Descriptions.Item label={`答复（${r.answer.date}）`} span={2}>
              {r.answer.text}
            </Descriptions.Item>
          ) : null}
          {r.routing ? (
            <Descriptions.Item label="转办" span={2}>
              {`${r.routing.date} 转 ${r.routing.office}，应于 ${r.routing.extendedTo ?? r.routing.feedbackDue} 前反馈`}
            </Descriptions.Item>
          ) : null}
          {r.feedback ? (
            <Descriptions.Item label={`办理结果（${r.feedback.date}）`} span={2}>
              {r.feedback.result}
            </Descriptions.Item>
          ) : null}
          {r.notified ? (
            <Descriptions.Item label="告知来访人" span={2}>
              {`${r.notified.date} ${NOTIFY_METHODS.label(r.notified.method)}${r.notified.notes ? `：${r.notified.notes}` : ''}`}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="办理时限与回访" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey={(d) => `${d.kind}-${d.due}`}
          pagination={false}
          dataSource={deadlines}
          data-testid="request-deadlines"
          locale={{ emptyText: '无办理时限' }}
          columns={[
            { title: '时限', dataIndex: 'label' },
            { title: '应办日期', dataIndex: 'due' },
            {
              title: '办理情况',
              render: (_, d) =>
                d.met ? (
                  <Tag color={d.met > d.due ? 'red' : 'green'}>{`${d.met} ${d.met > d.due ? '超期办理' : '按时办理'}`}</Tag>
                ) : (
                  <Tag color={today > d.due ? 'red' : 'orange'}>{today > d.due ? '已超期' : '待办'}</Tag>
                ),
            },
          ]}
        />
        {r.followUps.map((f) => (
          <p key={f.id} data-testid="request-follow-up">
            {`${f.date} 回访：${SATISFACTION.label(f.satisfaction)}${f.notes ? `，${f.notes}` : ''}`}
            {f.callback
              ? f.callback.date
                ? `；${f.callback.date} 已回复：${f.callback.notes ?? ''}`
                : `；待回复（${f.callback.due}前）`
              : ''}
          </p>
        ))}
      </Card>
      <Card title="办理记录">
        <Timeline
          items={[...r.events].reverse().map((e) => ({
            key: e.seq,
            content: (
              <>
                {`${EVENT_LABELS[e.type] ?? e.type}　${new Date(e.at).toLocaleString('zh-CN', { hour12: false })}　${e.operator}`}
                {describeChanges(e.details.changes, REQUEST_LABELS).map((line) => (
                  <div key={line} className="event-change">
                    {line}
                  </div>
                ))}
              </>
            ),
          }))}
        />
      </Card>
      {editing ? (
        <EditRequestModal
          request={r}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            dataChanged();
          }}
        />
      ) : null}
      {acting ? (
        <RequestActionModal
          requestId={r.id}
          requestNumber={r.number}
          action={acting}
          offices={settings?.frontDesk.offices ?? []}
          onClose={() => setActing(undefined)}
          onDone={(made) => {
            setActing(undefined);
            message.success(made ? `已转人民调解：案件 ${made.number}` : `已${REQUEST_ACTION_LABELS[acting]}`);
            dataChanged();
          }}
        />
      ) : null}
    </Page>
  );
}
