/** 工作台: a station's queues, or at the centre the centre's own work. */

import { useDesk } from '../../app/desk-context';
import CentreHome from './CentreHome';
import HomeScreen from './HomeScreen';

export default function Home() {
  const { settings } = useDesk();
  return settings?.role === 'centre' ? <CentreHome /> : <HomeScreen />;
}
