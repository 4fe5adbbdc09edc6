import { MoreOutlined } from '@ant-design/icons';
import { Button, Descriptions, Dropdown, Flex, Form, Modal } from 'antd';
import type { MouseEvent } from 'react';
import { useSetBackupEngineer } from '../../api/service-requests.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields } from '../../ui/zod-form';
import { UserSelect } from '../../ui/user-select';

type TRef = { id: number; name: string } | null;

/** The request a board card stands for, as far as its backup engineer goes. */
export interface TBackupTarget {
  id: number;
  number: string;
  /** Sent when known (the waiting list has it; the board's cards do not). */
  version?: number;
  responsibleEngineer: TRef;
  backupEngineer: TRef;
}

/** Keeps a click on the menu (or in its popup, which React bubbles through) from following the card's link. */
const stop = (e: MouseEvent) => {
  e.preventDefault();
  e.stopPropagation();
};

/** The ⋯ menu of a board card: set or clear the backup engineer (R-PM-3). */
export function CardMenu({ target, onBackup }: { target: TBackupTarget; onBackup: (t: TBackupTarget) => void }) {
  const { t } = useLocale();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: only stops the card's link from handling the menu's clicks; the button inside is the control
    <span onClick={stop} style={{ flex: 'none', lineHeight: 1 }}>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [{ key: 'backup', label: <span data-testid={`board-backup-${target.id}`}>{t('dispatch.setBackup')}</span> }],
          onClick: () => onBackup(target),
        }}
      >
        <Button
          type="text"
          size="small"
          icon={<MoreOutlined />}
          aria-label={t('dispatch.cardMenu')}
          title={t('dispatch.cardMenu')}
          data-testid={`board-card-menu-${target.id}`}
          style={{ width: 20, height: 20, minWidth: 20, padding: 0 }}
        />
      </Dropdown>
    </span>
  );
}

interface Values {
  backupEngineerId?: number | null;
}

/**
 * Set or clear the backup engineer of one request. The server decides (an active engineer, not the
 * responsible one, a request the user manages); its refusal is shown on the field.
 */
export function BackupEngineerDialog({ target, onClose }: { target: TBackupTarget; onClose: () => void }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const setBackup = useSetBackupEngineer();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('backupEngineerId', form);

  function save(backupEngineerId: number | null) {
    setBackup.mutate(
      { id: target.id, body: { backupEngineerId, ...(target.version !== undefined && { version: target.version }) } },
      {
        onSuccess: (sr) => {
          notify.success(
            sr.backupEngineer
              ? t('dispatch.backupSet', { number: sr.number, name: sr.backupEngineer.name })
              : t('dispatch.backupCleared', { number: sr.number }),
          );
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: ['backupEngineerId'] })) notify.error(err);
        },
      },
    );
  }

  return (
    <Modal
      open
      title={t('dispatch.backupTitle', { number: target.number })}
      onCancel={onClose}
      destroyOnHidden
      data-testid="backup-dialog"
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {target.backupEngineer && (
            <Button
              danger
              loading={setBackup.isPending && setBackup.variables?.body.backupEngineerId === null}
              onClick={() => save(null)}
              data-testid="backup-clear"
            >
              {t('dispatch.clearBackup')}
            </Button>
          )}
          <Button
            type="primary"
            disabled={!chosen}
            loading={setBackup.isPending && setBackup.variables?.body.backupEngineerId !== null}
            onClick={() => form.submit()}
            data-testid="backup-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[{ key: 'responsible', label: t('sr.responsibleEngineer'), children: target.responsibleEngineer?.name ?? '—' }]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ backupEngineerId: target.backupEngineer?.id ?? null }}
        onFinish={(v) => v.backupEngineerId && save(v.backupEngineerId)}
      >
        <Form.Item name="backupEngineerId" label={t('sr.backupEngineer')} extra={t('dispatch.backupHelp')}>
          <UserSelect holding="engineer" valueLabel={target.backupEngineer?.name} data-testid="backup-engineer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
