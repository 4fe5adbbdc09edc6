import { Tag } from 'antd';
import type { TTrainingSessionState } from '@contract/trainings';
import { useT } from '../../app/locale-context';

const STATE_COLORS: Record<TTrainingSessionState, string> = { planned: 'default', confirmed: 'blue', held: 'green', cancelled: 'red' };

export function SessionStateTag({ state }: { state: TTrainingSessionState }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state]}>{t(`trainings.state.${state}`)}</Tag>;
}

/** An average rating as shown: two decimals, a dash when nobody answered. */
export const scoreText = (v: number | null) => (v === null ? '—' : v.toFixed(2));
