import { useMemo } from 'react';
import { App, Button, Card, Checkbox, Col, Drawer, Empty, Flex, Form, Input, InputNumber, Row, Select, Switch, Tooltip, TreeSelect, Typography, type FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CATEGORY_FIELD_TYPES, PRIORITIES, type Category, type CategoryInput, type Priority } from '@kefu/contracts';
import { useT, type AppT } from '../../../i18n/useT';
import { useCreateCategoryMutation, useUpdateCategoryMutation } from '../../../api/work-order-admin';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { buildTree, subtreeIds, toTreeOptions } from '../../../components/tree';
import {
  FIELD_KEY_PATTERN,
  MAX_CATEGORY_FIELDS,
  MAX_FIELD_OPTIONS,
  MAX_OPTION_LENGTH,
  duplicateFieldKeys,
  fieldRowsToInput,
  type CategoryFieldRow,
  type CategoryFieldType,
} from './category-fields';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';

export type CategoryEdit = { mode: 'create'; parent: Category | null } | { mode: 'edit'; category: Category };

interface CategoryFormValues {
  name: string;
  parentId: number | null;
  defaultDepartmentId: number | null;
  defaultPriority: Priority;
  requiresConfirmation: boolean;
  sortOrder: number | null;
  active: boolean;
  fields: CategoryFieldRow[];
}

const MAX_SORT_ORDER = 10_000;

function initialValues(edit: CategoryEdit | undefined): Partial<CategoryFormValues> {
  if (edit?.mode === 'edit') {
    const { category } = edit;
    return {
      name: category.name,
      parentId: category.parentId,
      defaultDepartmentId: category.defaultDepartment?.id ?? null,
      defaultPriority: category.defaultPriority,
      requiresConfirmation: category.requiresConfirmation,
      sortOrder: category.sortOrder,
      active: category.active,
      fields: category.fields.map((field) => ({ ...field })),
    };
  }
  const parent = edit?.parent ?? null;
  // A child usually goes to the same team with the same urgency as its parent.
  return {
    parentId: parent?.id ?? null,
    defaultDepartmentId: parent?.defaultDepartment?.id ?? null,
    defaultPriority: parent?.defaultPriority ?? 'normal',
    requiresConfirmation: parent?.requiresConfirmation ?? false,
    sortOrder: 0,
    active: true,
    fields: [],
  };
}

function fieldKeyRules(t: AppT): FormRule[] {
  return [
    { required: true, message: t('woCategories.fieldKeyRequired') },
    { pattern: FIELD_KEY_PATTERN, message: t('shared:validation.field_key_chars') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        const rows = getFieldValue('fields') as CategoryFieldRow[] | undefined;
        if (typeof value === 'string' && duplicateFieldKeys(rows).has(value.trim())) throw new Error(t('woCategories.fieldKeyDuplicate'));
      },
    }),
  ];
}

function optionRules(t: AppT): FormRule[] {
  return [
    { required: true, type: 'array', min: 1, message: t('shared:validation.select_needs_options') },
    { type: 'array', max: MAX_FIELD_OPTIONS, message: t('shared:validation.too_big_array', { maximum: MAX_FIELD_OPTIONS }) },
    {
      validator: async (_rule, value: unknown) => {
        if (Array.isArray(value) && value.some((option) => String(option).trim().length > MAX_OPTION_LENGTH)) {
          throw new Error(t('shared:validation.too_big_string', { maximum: MAX_OPTION_LENGTH }));
        }
      },
    },
  ];
}

/** One field of the category's intake form: key, label, type, required, and options for a select. */
function FieldRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useT();
  const form = Form.useFormInstance<CategoryFormValues>();
  const type = Form.useWatch(['fields', index, 'type'], form) as CategoryFieldType | undefined;
  return (
    <Card size="small" data-testid={`category-field-${index}`} styles={{ body: { paddingBottom: 0 } }}>
      <Row gutter={12} align="top" wrap={false}>
        <Col flex="6">
          <Form.Item name={[index, 'key']} label={t('woCategories.fieldKey')} rules={fieldKeyRules(t)}>
            <Input autoComplete="off" className="kefu-code" maxLength={40} data-testid={`category-field-key-${index}`} />
          </Form.Item>
        </Col>
        <Col flex="7">
          <Form.Item name={[index, 'label']} label={t('woCategories.fieldLabel')} rules={requiredTextRules(t, t('woCategories.fieldLabelRequired'), 40)}>
            <Input autoComplete="off" data-testid={`category-field-label-${index}`} />
          </Form.Item>
        </Col>
        <Col flex="5">
          <Form.Item name={[index, 'type']} label={t('woCategories.fieldType')}>
            <Select<CategoryFieldType>
              options={CATEGORY_FIELD_TYPES.map((value) => ({ value, label: t(`shared:customers.customFieldTypes.${value}`) }))}
              data-testid={`category-field-type-${index}`}
            />
          </Form.Item>
        </Col>
        <Col flex="none">
          <Form.Item name={[index, 'required']} label={t('woCategories.fieldRequired')} valuePropName="checked">
            <Checkbox data-testid={`category-field-required-${index}`} />
          </Form.Item>
        </Col>
        <Col flex="none">
          <Form.Item label=" " colon={false}>
            <Tooltip title={t('woCategories.removeField')}>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('woCategories.removeField')}
                onClick={onRemove}
                data-testid={`category-field-remove-${index}`}
              />
            </Tooltip>
          </Form.Item>
        </Col>
      </Row>
      {type === 'select' && (
        <Form.Item name={[index, 'options']} label={t('woCategories.fieldOptions')} extra={t('woCategories.fieldOptionsHelp')} rules={optionRules(t)}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '\uff0c']} data-testid={`category-field-options-${index}`} />
        </Form.Item>
      )}
    </Card>
  );
}

interface CategoryDrawerProps {
  open: boolean;
  edit: CategoryEdit | undefined;
  categories: Category[];
  onClose: () => void;
}

/** Creates or edits a 业务分类; render with a new `key` for each opening (see useOverlayState). */
export function CategoryDrawer({ open, edit, categories, onClose }: CategoryDrawerProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryFormValues>();
  const create = useCreateCategoryMutation();
  const update = useUpdateCategoryMutation();
  const reportError = useReportError();
  const editedId = edit?.mode === 'edit' ? edit.category.id : undefined;

  const parentOptions = useMemo(() => {
    const forbidden = editedId === undefined ? new Set<number>() : subtreeIds(categories, editedId);
    return toTreeOptions(buildTree(categories), (category) => forbidden.has(category.id));
  }, [categories, editedId]);

  const title =
    edit?.mode === 'edit'
      ? t('woCategories.editTitle', { name: edit.category.name })
      : edit?.parent
        ? t('woCategories.createChildTitle', { parent: edit.parent.pathNames.join(' / ') })
        : t('woCategories.createRootTitle');

  const submit = (values: CategoryFormValues) => {
    const input: CategoryInput = {
      name: values.name.trim(),
      parentId: values.parentId ?? null,
      defaultDepartmentId: values.defaultDepartmentId ?? null,
      defaultPriority: values.defaultPriority,
      requiresConfirmation: values.requiresConfirmation,
      fields: fieldRowsToInput(values.fields),
      sortOrder: values.sortOrder ?? 0,
      active: values.active,
    };
    const callbacks = {
      onSuccess: () => {
        void message.success(t(edit?.mode === 'edit' ? 'woCategories.updated' : 'woCategories.created'));
        onClose();
      },
      onError: (error: unknown) =>
        reportError(error, form, { 'work_order_category.cycle': 'parentId' }),
    };
    if (edit?.mode === 'edit') update.mutate({ id: edit.category.id, changes: input }, callbacks);
    else create.mutate(input, callbacks);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={title}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="category-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<CategoryFormValues> form={form} layout="vertical" onFinish={submit} initialValues={initialValues(edit)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('woCategories.fields.name')} rules={requiredTextRules(t, t('woCategories.nameRequired'), 40)}>
              <Input autoComplete="off" data-testid="category-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label={t('woCategories.fields.parent')}>
              <TreeSelect<number | null>
                treeData={parentOptions}
                allowClear
                placeholder={t('woCategories.noParent')}
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                virtual={false}
                listHeight={280}
                data-testid="category-form-parent"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="defaultDepartmentId" label={t('woCategories.fields.defaultTeam')} extra={t('woCategories.defaultTeamHelp')}>
              <DirectoryDepartmentSelect allowClear placeholder={t('woCategories.noDefaultTeam')} data-testid="category-form-team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="defaultPriority" label={t('woCategories.fields.defaultPriority')}>
              <Select<Priority>
                options={PRIORITIES.map((value) => ({ value, label: t(`shared:workOrders.priorities.${value}`) }))}
                data-testid="category-form-priority"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sortOrder" label={t('woCategories.fields.sortOrder')} extra={t('woCategories.sortOrderHelp')}>
              <InputNumber min={0} max={MAX_SORT_ORDER} precision={0} style={{ width: 160 }} data-testid="category-form-sort-order" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('woCategories.fields.active')} valuePropName="checked" extra={t('woCategories.activeHelp')}>
              <Switch data-testid="category-form-active" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="requiresConfirmation"
          valuePropName="checked"
          extra={t('woCategories.requiresConfirmationHelp')}
        >
          <Checkbox data-testid="category-form-confirmation">{t('woCategories.fields.requiresConfirmation')}</Checkbox>
        </Form.Item>

        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('woCategories.intakeFields')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('woCategories.intakeFieldsHelp')}</Typography.Paragraph>
        <Form.List
          name="fields"
          rules={[
            {
              validator: async (_rule, rows: unknown[] | undefined) => {
                if ((rows?.length ?? 0) > MAX_CATEGORY_FIELDS) throw new Error(t('woCategories.tooManyFields', { max: MAX_CATEGORY_FIELDS }));
              },
            },
          ]}
        >
          {(rows, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('woCategories.noFields')} />}
              {rows.map((row) => (
                <FieldRow key={row.key} index={row.name} onRemove={() => remove(row.name)} />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={rows.length >= MAX_CATEGORY_FIELDS}
                onClick={() => add({ key: '', label: '', type: 'text', required: false, options: [] } satisfies CategoryFieldRow)}
                data-testid="category-field-add"
              >
                {t('woCategories.addField')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
