import { useMemo } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { DEPARTMENT_KINDS, type Department, type DepartmentInput, type DepartmentKind } from '@kefu/contracts';
import { useCreateDepartmentMutation, useUpdateDepartmentMutation } from '../../../api/departments';
import { DepartmentTreeSelect } from '../../../components/DepartmentTreeSelect';
import { subtreeIds } from '../../../components/tree';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { defaultChildKind } from './department-kinds';

export type DepartmentEdit =
  | { mode: 'create'; parent: Department | null }
  | { mode: 'edit'; department: Department }
  | { mode: 'move'; department: Department };

interface DepartmentFormValues {
  parentId?: number | null;
  name: string;
  kind: DepartmentKind;
  sortOrder: number;
}

interface DepartmentFormModalProps {
  open: boolean;
  edit: DepartmentEdit | undefined;
  departments: Department[];
  onClose: () => void;
}

function initialValues(edit: DepartmentEdit | undefined): Partial<DepartmentFormValues> {
  if (!edit) return {};
  if (edit.mode === 'create') return { parentId: edit.parent?.id ?? null, kind: defaultChildKind(edit.parent?.kind), sortOrder: 0 };
  const { parentId, name, kind, sortOrder } = edit.department;
  return { parentId, name, kind, sortOrder };
}

/** Render with a new `key` for each opening (see useOverlayState). */
export function DepartmentFormModal({ open, edit, departments, onClose }: DepartmentFormModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentFormValues>();
  const createDepartment = useCreateDepartmentMutation();
  const updateDepartment = useUpdateDepartmentMutation();
  const reportError = useReportError();
  const mode = edit?.mode ?? 'create';
  const movedId = edit && edit.mode !== 'create' ? edit.department.id : undefined;
  const forbiddenParents = useMemo(
    () => (movedId === undefined ? undefined : subtreeIds(departments, movedId)),
    [departments, movedId],
  );

  const title =
    edit?.mode === 'edit'
      ? t('departments.editTitle', { name: edit.department.name })
      : edit?.mode === 'move'
        ? t('departments.moveTitle', { name: edit.department.name })
        : edit?.parent
          ? t('departments.createChildTitle', { parent: edit.parent.name })
          : t('departments.createRootTitle');

  const submit = (values: DepartmentFormValues) => {
    const callbacks = {
      onSuccess: () => {
        void message.success(t(mode === 'create' ? 'departments.created' : mode === 'move' ? 'departments.moved' : 'departments.updated'));
        onClose();
      },
      // When moving, a name clash is with the new siblings: the parent is the field to change.
      onError: (error: unknown) =>
        reportError(error, form, { 'department.name_taken': mode === 'move' ? 'parentId' : 'name', 'department.cycle': 'parentId' }),
    };
    if (!edit || edit.mode === 'create') {
      const input: DepartmentInput = {
        parentId: values.parentId ?? null,
        name: values.name.trim(),
        kind: values.kind,
        sortOrder: values.sortOrder ?? 0,
      };
      createDepartment.mutate(input, callbacks);
    } else if (edit.mode === 'move') {
      updateDepartment.mutate({ id: edit.department.id, changes: { parentId: values.parentId ?? null } }, callbacks);
    } else {
      updateDepartment.mutate(
        { id: edit.department.id, changes: { name: values.name.trim(), kind: values.kind, sortOrder: values.sortOrder ?? 0 } },
        callbacks,
      );
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'department-form-submit' }}
      confirmLoading={createDepartment.isPending || updateDepartment.isPending}
      destroyOnHidden
    >
      <Form<DepartmentFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues(edit)}
        style={{ marginTop: 16 }}
      >
        {mode !== 'edit' && (
          <Form.Item
            name="parentId"
            label={t('departments.fields.parent')}
            extra={mode === 'move' ? t('departments.moveHelp') : undefined}
          >
            <DepartmentTreeSelect
              departments={departments}
              disabledIds={forbiddenParents}
              allowClear
              placeholder={t('departments.noParent')}
            />
          </Form.Item>
        )}
        {mode !== 'move' && (
          <>
            <Form.Item
              name="name"
              label={t('departments.fields.name')}
              rules={requiredTextRules(t, t('departments.nameRequired'), 64)}
            >
              <Input autoComplete="off" data-testid="department-form-name" />
            </Form.Item>
            <Form.Item name="kind" label={t('departments.fields.kind')} rules={[{ required: true, message: t('departments.kindRequired') }]}>
              <Select<DepartmentKind>
                options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`shared:departmentKinds.${kind}`) }))}
                style={{ width: 200 }}
                data-testid="department-form-kind"
              />
            </Form.Item>
            <Form.Item name="sortOrder" label={t('departments.fields.sortOrder')} extra={t('departments.sortOrderHelp')}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
