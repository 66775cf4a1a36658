import { useMemo } from 'react';
import { Select } from 'antd';
import { useWorkOrderDirectory, type DirectoryUser } from '../../../api/work-orders';

interface UserSelectProps {
  value?: number | null;
  onChange?: (value: number | null, user: DirectoryUser | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Only people of this unit (and not below it), e.g. a team's members. */
  departmentId?: number | null;
  style?: React.CSSProperties;
  disabled?: boolean;
  autoFocus?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** Picks one active user from the work-order directory, searching name and username. */
export function UserSelect({ value, onChange, departmentId, ...rest }: UserSelectProps) {
  const directory = useWorkOrderDirectory();
  const departmentNames = useMemo(
    () => new Map((directory.data?.departments ?? []).map((department) => [department.id, department.name])),
    [directory.data],
  );
  const options = useMemo(
    () =>
      (directory.data?.users ?? [])
        .filter((user) => departmentId == null || user.departmentId === departmentId)
        .map((user) => {
          const unit = user.departmentId === null ? undefined : departmentNames.get(user.departmentId);
          return {
            value: user.id,
            label: user.name,
            search: `${user.name} ${user.username} ${unit ?? ''}`,
            // The unit tells apart two people of the same name.
            description: unit ? `${user.username} · ${unit}` : user.username,
          };
        }),
    [directory.data, departmentId, departmentNames],
  );
  return (
    <Select<number>
      {...rest}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null, directory.data?.users.find((user) => user.id === next))}
      loading={directory.isPending}
      options={options}
      showSearch={{ optionFilterProp: 'search' }}
      optionRender={(option) => (
        <span>
          {option.data.label}
          <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8, fontSize: 12 }}>{option.data.description}</span>
        </span>
      )}
    />
  );
}
