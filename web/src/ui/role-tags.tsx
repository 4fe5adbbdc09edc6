import { Flex, Tag } from 'antd';
import type { TRole } from '@contract/roles';
import { roleKey } from '../app/i18n';
import { useT } from '../app/locale-context';

const ROLE_COLORS: Record<TRole, string> = {
  admin: 'red',
  sales: 'gold',
  tech_manager: 'blue',
  project_manager: 'purple',
  engineer: 'cyan',
  commerce: 'green',
  receiver: 'magenta',
};

export function RoleTags({ roles }: { roles: readonly TRole[] }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      {roles.map((r) => (
        <Tag key={r} color={ROLE_COLORS[r]} style={{ marginInlineEnd: 0 }} data-role={r}>
          {t(roleKey(r))}
        </Tag>
      ))}
    </Flex>
  );
}
