/**
 * 工作台 at a station: cases the centre returned for correction (退回补正), with the centre's reason,
 * until a corrected revision has been exported. Shown only when there are some.
 */

import { Alert, Card, List, Space, Tag, Typography } from 'antd';

import { navigate } from '../../app/route';
import { partiesLine } from '../../components/CaseBits';
import { useCall } from '../../components/useCall';

export function ReturnedQueue({ version }: { version: number }) {
  const returned = useCall('batches.returned', {}, [version]);
  const items = returned.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card
      data-testid="queue-returned"
      title={
        <Space>
          <span>退回补正</span>
          <Tag color="red">{items.length}件</Tag>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="中心退回了下列案件，请按理由更正后在“批量上报”中重新上报；上报补正后的版本后，这里不再显示。"
      />
      <List
        dataSource={items}
        renderItem={(item) => (
          <List.Item className="queue-item" onClick={() => navigate('case', [item.id])} style={{ cursor: 'pointer' }}>
            <List.Item.Meta
              title={<a onClick={() => navigate('case', [item.id])}>{item.number}</a>}
              description={
                <>
                  <Typography.Text type="danger">退回理由：{item.reason || '（中心未写理由）'}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{`${partiesLine(item.parties)} · 退回于${item.returnedAt.slice(0, 10)}`}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
