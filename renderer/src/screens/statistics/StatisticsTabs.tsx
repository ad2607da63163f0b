/**
 * 统计 with the tables other screens contribute (`slots.statisticsTabs`, e.g. 统一受理): the cases' report
 * first, each further table in its own tab; `#/statistics?tab=<key>` opens one. Without contributions
 * the cases' report stands alone.
 */

import { Tabs } from 'antd';

import { type ScreenProps, SLOTS } from '../../app/registry';
import { Lazy } from '../../components/Lazy';
import StatisticsScreen from './StatisticsScreen';

export default function StatisticsTabs({ query }: ScreenProps) {
  const contributed = SLOTS.statisticsTabs;
  if (contributed.length === 0) return <StatisticsScreen />;
  return (
    <Tabs
      className="statistics-tabs"
      destroyOnHidden
      defaultActiveKey={query.get('tab') ?? 'cases'}
      items={[
        { key: 'cases', label: '人民调解案件', children: <StatisticsScreen /> },
        ...contributed.map((t) => ({ key: t.key, label: t.label, children: <Lazy component={t.component} /> })),
      ]}
    />
  );
}
