import { EditOutlined, KeyOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Select, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { ROLES } from '@contract/roles';
import { type TUser, ZUserQuery } from '@contract/users';
import { useCurrentUser } from '../../api/me.hooks';
import { type TUserListQuery, useUpdateUser, useUsers } from '../../api/users.hooks';
import { roleKey } from '../../app/i18n';
import { useT } from '../../app/locale-context';
import { useNotify } from '../../ui/notify';
import { RoleTags } from '../../ui/role-tags';
import { useIsPhone } from '../../ui/use-is-phone';
import { ListCard, ListFilters, ListSearch, useControlWidth, useListTable } from '../../ui/list-page';
import { useUrlQuery } from '../../ui/use-url-query';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormDrawer } from './user-form-drawer';
import { QueryErrorAlert } from '../../ui/query-error-alert';

type TSort = TUserListQuery['sort'];
type TEditing = { kind: 'create' } | { kind: 'edit'; user: TUser } | null;

/** 用户与角色: who may use Fuwu and in which roles (R-ORG-1). */
export function UsersPage() {
  const t = useT();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('users.manage');
  const isPhone = useIsPhone();
  const notify = useNotify();
  const [query, setQuery] = useUrlQuery(ZUserQuery);
  const users = useUsers(query);
  const updateUser = useUpdateUser();
  const [editing, setEditing] = useState<TEditing>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const table = useListTable<TUser, TSort>(query, setQuery, users.data, 'name');
  const controlWidth = useControlWidth();

  function setActive(user: TUser, active: boolean) {
    updateUser.mutate(
      { id: user.id, patch: { version: user.version, active } },
      {
        onSuccess: () => notify.success(active ? t('users.activated') : t('users.deactivated')),
        onError: notify.error,
      },
    );
  }

  const columns: TableProps<TUser>['columns'] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('users.name'),
      sorter: true,
      sortOrder: table.sortOrder('name'),
    },
    {
      key: 'email',
      dataIndex: 'email',
      title: t('users.email'),
      sorter: true,
      sortOrder: table.sortOrder('email'),
    },
    { key: 'phone', dataIndex: 'phone', title: t('users.phone') },
    { key: 'department', dataIndex: 'department', title: t('users.department') },
    { key: 'roles', title: t('users.roles'), render: (_v, u) => <RoleTags roles={u.roles} /> },
    {
      key: 'active',
      title: t('users.status'),
      render: (_v, u) => (u.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag color="default">{t('users.inactive')}</Tag>),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: isPhone ? undefined : 'right',
      render: (_v, u) => (
        <Flex gap={4} wrap={false}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing({ kind: 'edit', user: u })}
            data-testid={`user-edit-${u.id}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={u.active ? t('users.deactivateConfirm', { name: u.name }) : t('users.activateConfirm', { name: u.name })}
            onConfirm={() => setActive(u, !u.active)}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
          >
            <Button size="small" type="link" danger={u.active} data-testid={`user-toggle-active-${u.id}`}>
              {u.active ? t('users.deactivate') : t('users.activate')}
            </Button>
          </Popconfirm>
          <Button
            size="small"
            type="link"
            icon={<KeyOutlined />}
            onClick={() => setResetting(u)}
            data-testid={`user-reset-password-${u.id}`}
          >
            {t('users.resetPassword')}
          </Button>
        </Flex>
      ),
    });
  }

  return (
    <ListCard
      title={t('users.title')}
      create={canManage && { label: t('users.new'), onClick: () => setEditing({ kind: 'create' }), testId: 'users-new' }}
    >
      <ListFilters>
        <ListSearch
          value={query.q}
          placeholder={t('users.search')}
          onSearch={(q) => setQuery({ q, page: 1 })}
          width={300}
          testId="users-search"
        />
        <Select
          allowClear
          placeholder={t('users.filterRole')}
          value={query.role}
          onChange={(role) => setQuery({ role, page: 1 })}
          options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))}
          style={controlWidth(170)}
          data-testid="users-filter-role"
        />
        <Select<'all' | 'true' | 'false'>
          value={query.active ?? 'all'}
          onChange={(v) => setQuery({ active: v === 'all' ? undefined : v, page: 1 })}
          options={[
            { value: 'all', label: `${t('users.status')}: ${t('common.all')}` },
            { value: 'true', label: t('users.active') },
            { value: 'false', label: t('users.inactive') },
          ]}
          aria-label={t('users.filterActive')}
          style={controlWidth(150)}
          data-testid="users-filter-active"
        />
      </ListFilters>
      <QueryErrorAlert query={users} />
      <div data-testid="users-table">
        <Table<TUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          onChange={table.onChange}
          scroll={{ x: 'max-content' }}
          rowClassName={(u) => (u.active ? '' : 'fuwu-row-inactive')}
          pagination={table.pagination}
        />
      </div>
      {editing && <UserFormDrawer open user={editing.kind === 'edit' ? editing.user : undefined} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </ListCard>
  );
}
