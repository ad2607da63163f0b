/** 登记回执: what the visitor takes home after registration, printable on A4 (only this part prints). */

import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space } from 'antd';

import { formatDateArabic } from '../../../../electron/core/dates';
import type { Case } from '../../../../electron/core/schema/case';
import { DISPUTE_TYPES, PARTY_ROLES } from '../../../../electron/core/schema/codes';
import { maskIdNumber } from '../../../../electron/core/schema/identity';
import { useDesk } from '../../app/desk-context';
import { navigate } from '../../app/route';

export function Receipt({ saved, onNext }: { saved: Case; onNext(): void }) {
  const { settings, operator } = useDesk();
  const byRole = (role: string) =>
    saved.parties
      .filter((p) => p.role === role)
      .map((p) => p.name)
      .join('、');
  const contact = saved.parties.find((p) => p.role === 'applicant');
  return (
    <div>
      <Result
        className="no-print"
        status="success"
        title={<span data-testid="saved-number">已登记：{saved.number}</span>}
        subTitle="可以打印登记回执交给当事人。"
        extra={
          <Space wrap>
            <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => window.print()} autoFocus>
              打印回执
            </Button>
            <Button size="large" onClick={() => navigate('case', [saved.id])}>
              查看案件
            </Button>
            <Button size="large" onClick={onNext}>
              继续登记下一件
            </Button>
          </Space>
        }
      />
      <div className="printable" data-testid="receipt" style={{ margin: '0 auto' }}>
        <h1>登记回执</h1>
        <p style={{ textAlign: 'right' }}>{saved.number}</p>
        <table>
          <tbody>
            <tr>
              <td className="label">{PARTY_ROLES.labels.applicant}</td>
              <td>{byRole('applicant')}</td>
            </tr>
            <tr>
              <td className="label">{PARTY_ROLES.labels.respondent}</td>
              <td>{byRole('respondent')}</td>
            </tr>
            {byRole('third-party') ? (
              <tr>
                <td className="label">{PARTY_ROLES.labels['third-party']}</td>
                <td>{byRole('third-party')}</td>
              </tr>
            ) : null}
            <tr>
              <td className="label">纠纷类型</td>
              <td>{DISPUTE_TYPES.labels[saved.disputeType]}纠纷</td>
            </tr>
            <tr>
              <td className="label">案由</td>
              <td>{saved.summary}</td>
            </tr>
            <tr>
              <td className="label">登记日期</td>
              <td>{formatDateArabic(saved.receivedAt)}</td>
            </tr>
            {contact?.kind === 'person' && contact.idNumber ? (
              <tr>
                <td className="label">申请人证件</td>
                <td>{maskIdNumber(contact.idNumber)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <p style={{ marginTop: 24, lineHeight: 2 }}>
          　　您的人民调解申请已登记，案号为 <strong>{saved.number}</strong>。本委员会将依法决定是否受理，并及时与您联系。
          人民调解不收取任何费用。请妥善保管本回执，查询时请提供案号。
        </p>
        <p style={{ marginTop: 40, textAlign: 'right', lineHeight: 2 }}>
          {settings?.name}（盖章）
          <br />
          经办人：{operator?.name || '　　　　'}
          <br />
          {formatDateArabic(saved.receivedAt)}
        </p>
        {settings?.phone ? <p>联系电话：{settings.phone}</p> : null}
      </div>
    </div>
  );
}
