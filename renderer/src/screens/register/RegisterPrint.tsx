/**
 * 打印台账: the 案件登记台账 for exactly what the list shows (its filters and search), as a printable PDF
 * or an XLSX to keep, saved through the desktop's save dialog (or downloaded in the harness).
 */

import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';

import { call } from '../../api/client';
import { useDesk } from '../../app/desk-context';
import { useFailure } from '../../components/useFailure';
import { saveFile } from '../statistics/save';
import type { RegisterFilters } from './filter';

const TYPES: Record<'pdf' | 'xlsx', { mimeType: string; filters: { name: string; extensions: string[] }[] }> = {
  pdf: { mimeType: 'application/pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  },
};

export function RegisterPrint({ filters, q, count }: { filters: RegisterFilters; q: string; count: number }) {
  const { message } = App.useApp();
  const report = useFailure();
  const { settings } = useDesk();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const [busy, setBusy] = useState(false);

  const produce = async () => {
    setBusy(true);
    try {
      const query = {
        ...(q ? { q } : {}),
        ...(filters.statuses?.length ? { status: [...filters.statuses] as never } : {}),
        ...(filters.type ? { type: filters.type } : {}),
        ...(filters.mediator ? { mediator: filters.mediator } : {}),
        ...(filters.station ? { station: filters.station } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
      };
      const name = `${settings?.name ?? ''}案件登记台账.${format}`;
      const written = await saveFile({
        title: '保存案件登记台账',
        defaultName: name,
        filters: TYPES[format].filters,
        mimeType: TYPES[format].mimeType,
        produce: (out) => call('register.export', { ...query, format, ...(out ? { out, overwrite: true } : {}) }),
      });
      if (written) {
        void message.success(`已保存：${written}`);
        setOpen(false);
      }
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="register-print">
        打印台账
      </Button>
      {open ? (
        <Modal
          open
          title="案件登记台账"
          okText="保存"
          cancelText="取消"
          confirmLoading={busy}
          onOk={() => void produce()}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          <Typography.Paragraph>
            按当前列表的查找和筛选条件，共 {count}{' '}
            件，按受理日期从早到晚排列；列：序号、案号、受理日期、当事人、纠纷类型、简要情况、调解结果、协议履行、调解员、结案日期。
          </Typography.Paragraph>
          <Radio.Group
            value={format}
            onChange={(e) => setFormat(e.target.value as 'pdf' | 'xlsx')}
            options={[
              { value: 'pdf', label: '可打印的 PDF（A4 横向）' },
              { value: 'xlsx', label: 'Excel 表格（XLSX）' },
            ]}
          />
        </Modal>
      ) : null}
    </>
  );
}
