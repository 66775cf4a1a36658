import { Checkbox, Empty, Flex, Typography, theme } from 'antd';
import type { CheckboxChangeEvent } from 'antd';
import { useT } from '../i18n/useT';
import { PERMISSIONS, type Permission } from '@kefu/contracts';
import { groupPermissions, type PermissionGroup } from './permissions';

interface PermissionChecklistProps {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
  /** Only these may be ticked (e.g. an API token cannot exceed its owner's permissions). */
  available?: readonly Permission[];
  disabled?: boolean;
  id?: string;
}

/** A form control: permissions grouped by domain, each group with a select-all box. */
export function PermissionChecklist({ value = [], onChange, available = PERMISSIONS, disabled, id }: PermissionChecklistProps) {
  const { t } = useT();
  const { token } = theme.useToken();
  const groups = groupPermissions(available);
  const selected = new Set(value);

  const emit = (next: Set<Permission>) => onChange?.(PERMISSIONS.filter((permission) => next.has(permission)));
  const toggle = (permission: Permission, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(permission);
    else next.delete(permission);
    emit(next);
  };
  const toggleGroup = (group: PermissionGroup, event: CheckboxChangeEvent) => {
    const next = new Set(selected);
    for (const permission of group.permissions) {
      if (event.target.checked) next.add(permission);
      else next.delete(permission);
    }
    emit(next);
  };

  if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('permissionsChecklist.noneAvailable')} />;

  return (
    <div id={id} style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}>
      {groups.map((group, index) => {
        const checkedCount = group.permissions.filter((permission) => selected.has(permission)).length;
        return (
          <Flex
            key={group.domain}
            gap={16}
            style={{
              padding: '10px 12px',
              borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            <div style={{ width: 150, flexShrink: 0 }}>
              <Checkbox
                checked={checkedCount === group.permissions.length}
                indeterminate={checkedCount > 0 && checkedCount < group.permissions.length}
                disabled={disabled}
                onChange={(event) => toggleGroup(group, event)}
              >
                <Typography.Text strong>{t(`permissionDomains.${group.domain}`)}</Typography.Text>
              </Checkbox>
            </div>
            <Flex wrap gap="4px 16px" style={{ flex: 1 }}>
              {group.permissions.map((permission) => (
                <Checkbox
                  key={permission}
                  checked={selected.has(permission)}
                  disabled={disabled}
                  onChange={(event) => toggle(permission, event.target.checked)}
                >
                  {t(`shared:permissions.${permission}`)}
                </Checkbox>
              ))}
            </Flex>
          </Flex>
        );
      })}
    </div>
  );
}
