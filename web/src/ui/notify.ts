import { isApiError } from '../api/api-error';
import { useLocale } from '../app/locale-context';
import { useErrorText } from './error-text';
import { useMessage } from './message';

/** Toasts for results of user actions; server failures also show the request id to quote to support. */
export function useNotify() {
  const message = useMessage();
  const { t } = useLocale();
  const text = useErrorText();
  return {
    success: (content: string) => void message.success(content),
    error: (err: unknown) => {
      const withId = isApiError(err) && err.status >= 500 && err.requestId;
      void message.error(withId ? `${text(err)}（${t('error.requestId', { id: err.requestId })}）` : text(err));
    },
  };
}
