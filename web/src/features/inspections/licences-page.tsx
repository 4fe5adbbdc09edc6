import { DownloadOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Segmented, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { type TLicence, ZLicenceQuery } from '@contract/inspections';
import { toQueryString } from '../../api/client';
import { useCreateLicence, useLicences, useStoreLicenceKey, useStoreLicenceMedia, useUpdateLicence } from '../../api/inspections.hooks';
import { useCan } from '../../api/me.hooks';
import { useLocale } from '../../app/locale-context';
import { ListCard, useListTable } from '../../ui/list-page';
import { useNotify } from '../../ui/notify';
import { QueryErrorAlert } from '../../ui/query-error-alert';
import { COLUMN_WIDTH, CutText, NO_WRAP, useFitTable } from '../../ui/table-cells';
import { useUrlQuery } from '../../ui/use-url-query';
import { showErrorsOnFields } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';

interface TLicenceForm {
  contractId?: number;
  software: string;
  needed: boolean;
  demoExpiresOn?: string;
  hostid?: string;
  softwareSerial?: string;
  appliedOn?: string;
  receivedOn?: string;
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/**
 * 许可证 (R-GOODS-6): per unit and software item — licence needed, demo expiry, hostid and
 * serial, application to the vendor; demo licences ending in 30/60/90 days. The key is filed in
 * the archive and never shown here.
 */
export function LicencesPage() {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const canManage = useCan('licences.manage');
  const [query, setQuery] = useUrlQuery(ZLicenceQuery);
  const list = useLicences(query);
  const table = useListTable<TLicence>(query, setQuery, list.data);
  const fitTable = useFitTable();
  const create = useCreateLicence();
  const update = useUpdateLicence();
  const storeKey = useStoreLicenceKey();
  const storeMedia = useStoreLicenceMedia();
  const [editing, setEditing] = useState<TLicence | 'new' | null>(null);
  const [keying, setKeying] = useState<TLicence | null>(null);
  const [form] = Form.useForm<TLicenceForm>();
  const [keyForm] = Form.useForm<{ key: string }>();
  const { page: _p, pageSize: _s, ...filters } = query;

  function submit(v: TLicenceForm) {
    const body = {
      software: v.software,
      needed: v.needed,
      demoExpiresOn: blank(v.demoExpiresOn),
      hostid: blank(v.hostid),
      softwareSerial: blank(v.softwareSerial),
      appliedOn: blank(v.appliedOn),
      receivedOn: blank(v.receivedOn),
    };
    const onError = (err: unknown) => {
      if (!showErrorsOnFields(form, err, locale, { fields: Object.keys(body) })) notify.error(err);
    };
    if (editing === 'new') {
      if (!v.contractId) {
        form.setFields([{ name: 'contractId', errors: [t('calls.required')] }]);
        return;
      }
      create.mutate({ contractId: v.contractId, body }, { onSuccess: () => setEditing(null), onError });
    } else if (editing)
      update.mutate({ id: editing.id, body: { version: editing.version, ...body } }, { onSuccess: () => setEditing(null), onError });
  }

  return (
    <ListCard
      title={t('nav.licences')}
      testId="licences-page"
      create={
        canManage && {
          label: t('insp.newLicence'),
          onClick: () => {
            form.resetFields();
            form.setFieldsValue({ needed: true });
            setEditing('new');
          },
          testId: 'licence-new',
        }
      }
    >
      <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Segmented
          value={query.expiringWithin ?? 'all'}
          onChange={(v) => setQuery({ expiringWithin: v === 'all' ? undefined : (v as '30' | '60' | '90'), page: 1 })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: '30', label: t('insp.expiringIn', { n: '30' }) },
            { value: '60', label: t('insp.expiringIn', { n: '60' }) },
            { value: '90', label: t('insp.expiringIn', { n: '90' }) },
          ]}
        />
        <Button icon={<DownloadOutlined />} href={`/api/licences/export.xlsx${toQueryString(filters)}`} download>
          {t('insp.exportXlsx')}
        </Button>
      </Flex>
      <QueryErrorAlert query={list} />
      <Table<TLicence>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={table.onChange}
        pagination={table.pagination}
        {...fitTable}
        columns={[
          {
            key: 'customer',
            title: `${t('calls.company')} / ${t('calls.contract')}`,
            render: (_v, r) => <CutText text={r.customer.name} sub={r.contract.number} />,
          },
          { key: 'software', title: `${t('insp.software')} / SN`, render: (_v, r) => <CutText text={r.software} sub={r.unitSn ?? '—'} /> },
          {
            key: 'needed',
            title: t('insp.licenceNeeded'),
            width: 80,
            render: (_v, r) => (r.needed ? t('insp.yes') : t('insp.no')),
          },
          {
            key: 'demo',
            title: t('insp.demoExpires'),
            width: COLUMN_WIDTH.date,
            render: (_v, r) => <span style={NO_WRAP}>{r.demoExpiresOn ?? '—'}</span>,
          },
          {
            key: 'hostid',
            title: `hostid / ${t('insp.softwareSerial')}`,
            width: 150,
            render: (_v, r) => <CutText text={r.hostid ?? '—'} sub={r.softwareSerial ?? '—'} />,
          },
          {
            key: 'applied',
            title: `${t('insp.appliedOn')} / ${t('insp.receivedOn')}`,
            width: 116,
            render: (_v, r) => (
              <div style={NO_WRAP}>
                <div>{r.appliedOn ?? '—'}</div>
                <div>{r.receivedOn ?? '—'}</div>
              </div>
            ),
          },
          {
            key: 'key',
            title: t('insp.key'),
            width: 96,
            render: (_v, r) => (r.hasKey ? <Tag color="green">{t('insp.keyFiled')}</Tag> : '—'),
          },
          {
            key: 'media',
            title: t('insp.media'),
            width: 136,
            render: (_v, r) => (
              <Flex gap={6} align="center" wrap>
                {r.mediaDocumentId ? <Tag color="green">{t('insp.keyFiled')}</Tag> : '—'}
                {canManage && (
                  <label className="fuwu-link-button">
                    {t('insp.fileMedia')}
                    <input
                      type="file"
                      hidden
                      onChange={(e) => {
                        const file = e.target.files?.[0];
                        e.target.value = '';
                        if (file)
                          storeMedia.mutate(
                            { id: r.id, file },
                            { onSuccess: () => notify.success(t('insp.keyFiled')), onError: notify.error },
                          );
                      }}
                    />
                  </label>
                )}
              </Flex>
            ),
          },
          {
            key: 'actions',
            title: '',
            width: 120,
            render: (_v, r) =>
              canManage && (
                <Flex gap={6} wrap>
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue({
                        ...r,
                        demoExpiresOn: r.demoExpiresOn ?? '',
                        appliedOn: r.appliedOn ?? '',
                        receivedOn: r.receivedOn ?? '',
                        hostid: r.hostid ?? '',
                        softwareSerial: r.softwareSerial ?? '',
                      });
                      setEditing(r);
                    }}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="small"
                    icon={<KeyOutlined />}
                    onClick={() => {
                      keyForm.resetFields();
                      setKeying(r);
                    }}
                  >
                    {t('insp.fileKey')}
                  </Button>
                </Flex>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('insp.newLicence') : t('common.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        <Form<TLicenceForm> form={form} layout="vertical" onFinish={submit}>
          {editing === 'new' && (
            <Form.Item name="contractId" label={t('calls.contract')} required>
              <ContractSelect />
            </Form.Item>
          )}
          <Form.Item
            name="software"
            label={t('insp.software')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="needed" label={t('insp.licenceNeeded')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="demoExpiresOn" label={t('insp.demoExpires')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="hostid" label="hostid">
              <Input />
            </Form.Item>
            <Form.Item name="softwareSerial" label={t('insp.softwareSerial')}>
              <Input />
            </Form.Item>
            <Form.Item name="appliedOn" label={t('insp.appliedOn')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="receivedOn" label={t('insp.receivedOn')}>
              <Input type="date" />
            </Form.Item>
          </Flex>
        </Form>
      </Modal>
      <Modal
        open={keying !== null}
        title={t('insp.fileKey')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setKeying(null)}
        onOk={() => keyForm.submit()}
        confirmLoading={storeKey.isPending}
        destroyOnHidden
      >
        <Form
          form={keyForm}
          layout="vertical"
          onFinish={(v) =>
            keying &&
            storeKey.mutate(
              { id: keying.id, version: keying.version, key: v.key },
              {
                onSuccess: () => {
                  setKeying(null);
                  notify.success(t('insp.keyFiled'));
                },
                onError: notify.error,
              },
            )
          }
        >
          <Form.Item
            name="key"
            label={t('insp.key')}
            extra={t('insp.keyHint')}
            rules={[{ required: true, whitespace: true, message: t('calls.required') }]}
          >
            <Input.TextArea rows={4} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </ListCard>
  );
}
