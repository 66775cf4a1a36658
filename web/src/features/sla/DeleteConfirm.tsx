import type { ReactNode } from 'react';
import { Popconfirm } from 'antd';
import { useT } from '../../i18n/useT';

interface DeleteConfirmProps {
  title: string;
  description?: ReactNode;
  onConfirm: () => unknown;
  children: ReactNode;
}

/** "Delete …?" with a danger OK button: the SLA pages' one way of asking before a delete. */
export function DeleteConfirm({ title, description, onConfirm, children }: DeleteConfirmProps) {
  const { t } = useT();
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
    >
      {children}
    </Popconfirm>
  );
}
