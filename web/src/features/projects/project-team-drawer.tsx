import { Alert, Flex, Form, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type TProject, ZUpdateProjectTeam } from '@contract/projects';
import { useUpdateProjectTeam } from '../../api/projects.hooks';
import { useUserOptions } from '../../api/users.hooks';
import { useLocale } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { showErrorsOnFields, showZodIssuesOnFields } from '../../ui/zod-form';
import { ContractSelect } from '../contracts/contract-select';
import { DrawerForm, FormDrawer } from '../../ui/form-drawer';

interface Values {
  memberIds: number[];
}

/**
 * R-ORG-4: the members of a project and the contracts it covers. Open to the technical manager
 * and to the project's own manager; the server checks which project is whose.
 */
export function ProjectTeamDrawer({ project, onClose }: { project: TProject; onClose: () => void }) {
  const { t, locale } = useLocale();
  const notify = useNotify();
  const users = useUserOptions(undefined);
  const update = useUpdateProjectTeam();
  const [form] = Form.useForm<Values>();
  const [contracts, setContracts] = useState(project.contracts);

  // Members who are no longer active keep their name in the list.
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  for (const m of project.members) if (!options.some((o) => o.value === m.id)) options.push({ value: m.id, label: m.name });

  function submit(v: Values) {
    const parsed = ZUpdateProjectTeam.safeParse({
      version: project.version,
      memberIds: v.memberIds,
      contractIds: contracts.map((c) => c.id),
    });
    if (!parsed.success) return showZodIssuesOnFields(form, parsed.error.issues, t);
    update.mutate(
      { id: project.id, patch: parsed.data },
      {
        onSuccess: () => {
          notify.success(t('project.teamSaved'));
          onClose();
        },
        onError: (err) => {
          if (!showErrorsOnFields(form, err, locale, { fields: ['memberIds'] })) notify.error(err);
        },
      },
    );
  }

  const title = t('project.teamTitle', { code: project.code });
  return (
    <FormDrawer onClose={onClose} title={title} width={520} testId="project-team">
      <Alert type="info" showIcon title={t('project.teamHelp')} style={{ marginBottom: 16 }} />
      <DrawerForm<Values>
        form={form}
        initialValues={{ memberIds: project.members.map((m) => m.id) }}
        onFinish={submit}
        pending={update.isPending}
      >
        <Form.Item name="memberIds" label={t('project.members')}>
          <Select<number[]>
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isFetching}
            options={options}
            placeholder={t('project.membersPlaceholder')}
            notFoundContent={t('common.noMatch')}
            data-testid="project-team-members"
          />
        </Form.Item>
        <Form.Item label={t('project.contracts')}>
          <Flex vertical gap={8}>
            <Flex gap={4} wrap data-testid="project-team-contracts">
              {contracts.length === 0 && <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
              {contracts.map((c) => (
                <Tag
                  key={c.id}
                  closable
                  onClose={() => setContracts((list) => list.filter((x) => x.id !== c.id))}
                  data-testid={`project-team-contract-${c.id}`}
                  style={{ marginInlineEnd: 0 }}
                >
                  {c.number}
                </Tag>
              ))}
            </Flex>
            <ContractSelect
              key={contracts.length}
              customerId={project.customer?.id}
              placeholder={t('project.addContract')}
              onChange={(id, option) => {
                if (id !== undefined && !contracts.some((c) => c.id === id))
                  setContracts((list) => [...list, { id, number: option?.label ?? `#${id}` }]);
              }}
              style={{ width: '100%' }}
              data-testid="project-team-add-contract"
            />
          </Flex>
        </Form.Item>
      </DrawerForm>
    </FormDrawer>
  );
}
