import { Alert, Button } from 'antd';
import { useLocale } from '../app/locale-context';
import { useErrorText } from './error-text';

/** A list's failed load: the error in the user's language, with a retry. Nothing when the query is fine. */
export function QueryErrorAlert({ query }: { query: { isError: boolean; error: unknown; refetch: () => unknown } }) {
  const { t } = useLocale();
  const errorText = useErrorText();
  if (!query.isError) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(query.error)}
      action={
        <Button size="small" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
