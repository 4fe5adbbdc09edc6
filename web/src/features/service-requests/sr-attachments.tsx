import { PaperClipOutlined } from '@ant-design/icons';
import { isTerminalState } from '@contract/service-request-states';
import type { TServiceRequestDetail } from '@contract/service-requests';
import { useCan, useCurrentUser } from '../../api/me.hooks';
import { useAddServiceRequestAttachment, useServiceRequestAttachments } from '../../api/service-request-attachments.hooks';
import { useLocale } from '../../app/locale-context';
import { formatCompanyTime } from '../../ui/company-time';
import { useNotify } from '../../ui/notify';

/** Photos and files on the request itself: listed for its readers, added (a camera on a phone) by its engineers, issuer or a manager. */
export function SrAttachments({ request: r }: { request: TServiceRequestDetail }) {
  const { t } = useLocale();
  const me = useCurrentUser();
  const notify = useNotify();
  const canAttach = useCan('service_requests.attach');
  const list = useServiceRequestAttachments(r.id);
  const add = useAddServiceRequestAttachment();
  const involved =
    r.responsibleEngineer?.id === me.id ||
    r.backupEngineer?.id === me.id ||
    r.issuedBy?.id === me.id ||
    me.roles.includes('tech_manager') ||
    r.projectManager?.id === me.id;
  const mayAdd = canAttach && involved && !isTerminalState(r.state);
  return (
    <section data-testid="sr-attachments">
      <h2 className="fuwu-h2">{t('sr.sectionAttachments')}</h2>
      <div className="fuwu-stack" style={{ gap: 4 }}>
        {list.data?.length === 0 && <span className="fuwu-muted">{t('sr.noAttachments')}</span>}
        {list.data?.map((a) => (
          <div key={a.id} style={{ overflowWrap: 'anywhere' }}>
            <PaperClipOutlined />{' '}
            <a href={`/api/service-requests/${r.id}/attachments/${a.id}`} data-testid={`sr-attachment-${a.id}`}>
              {a.fileName}
            </a>{' '}
            <span className="fuwu-muted" style={{ fontSize: 12 }}>
              {a.uploadedBy?.name ?? ''} · {formatCompanyTime(a.uploadedAt).slice(0, 16)}
            </span>
          </div>
        ))}
        {mayAdd && (
          <label className="fuwu-link-button" data-testid="sr-attach" style={{ alignSelf: 'flex-start' }}>
            {add.isPending ? t('sr.attaching') : t('sr.attach')}
            <input
              type="file"
              hidden
              data-testid="sr-attach-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) add.mutate({ id: r.id, file }, { onSuccess: () => notify.success(t('sr.attached')), onError: notify.error });
              }}
            />
          </label>
        )}
      </div>
    </section>
  );
}
