import { WORK_HOURS_KIND_LABELS } from '@contract/work-hours';
import { useLocale } from '../../app/locale-context';

const EXTRA: Record<string, { zh: string; en: string }> = {
  call: { zh: '来电处理', en: 'Call handled' },
  closed_request: { zh: '关闭服务请求', en: 'Request closed' },
};

/** The words of a weekly report line's kind (hours kinds, calls, closed requests). */
export function useLineKindLabel() {
  const { locale } = useLocale();
  return (k: string) => {
    const l = (WORK_HOURS_KIND_LABELS as Record<string, { zh: string; en: string }>)[k] ?? EXTRA[k];
    return l ? (locale === 'en' ? l.en : l.zh) : k;
  };
}
