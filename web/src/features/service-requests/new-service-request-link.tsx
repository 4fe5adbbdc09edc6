import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useCan } from '../../api/me.hooks';
import { useT } from '../../app/locale-context';

/** "New service request" for a contract: opens the form with the contract (and its customer) filled in. */
export function NewServiceRequestLink({ contractId }: { contractId: number }) {
  const t = useT();
  const navigate = useNavigate();
  const canIssue = useCan('service_requests.issue');
  if (!canIssue) return null;
  return (
    <Button
      size="small"
      icon={<PlusOutlined />}
      onClick={() => navigate(`/service-requests?new=1&contractId=${contractId}`)}
      data-testid="contract-new-sr"
    >
      {t('sr.new')}
    </Button>
  );
}
