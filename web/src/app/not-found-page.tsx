import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from './locale-context';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
      data-testid="not-found"
    />
  );
}
