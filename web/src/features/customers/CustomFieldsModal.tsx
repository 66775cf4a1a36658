import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography, type FormRule, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CUSTOM_FIELD_TYPES, type CustomFieldDefinition, type CustomFieldType } from '@kefu/contracts';
import { useT, type AppT } from '../../i18n/useT';
import {
  useCreateCustomFieldMutation,
  useCustomFields,
  useUpdateCustomFieldMutation,
  type CustomFieldChanges,
  type CustomFieldCreate,
} from '../../api/customers';
import { requiredTextRules } from '../../components/form-rules';
import { LoadFailedResult } from '../../components/StatusResults';
import { useOverlayState } from '../../components/useOverlayState';
import { useReportError } from '../../components/useReportError';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_OPTIONS = 50;
const MAX_OPTION_LENGTH = 40;
const MAX_SORT_ORDER = 10_000;
const TYPE_COLORS: Record<CustomFieldType, string> = { text: 'blue', number: 'green', date: 'purple', select: 'orange' };

interface FieldFormValues {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  sortOrder: number | null;
}

function keyRules(t: AppT): FormRule[] {
  return [
    { required: true, message: t('customers.customFields.keyRequired') },
    { pattern: KEY_PATTERN, message: t('shared:validation.field_key_chars') },
  ];
}

function optionRules(t: AppT, type: CustomFieldType): FormRule[] {
  return [
    { required: type === 'select', type: 'array', min: type === 'select' ? 1 : 0, message: t('shared:validation.select_needs_options') },
    { type: 'array', max: MAX_OPTIONS, message: t('shared:validation.too_big_array', { maximum: MAX_OPTIONS }) },
    {
      validator: async (_rule, value: unknown) => {
        if (Array.isArray(value) && value.some((option) => String(option).trim().length > MAX_OPTION_LENGTH)) {
          throw new Error(t('shared:validation.too_big_string', { maximum: MAX_OPTION_LENGTH }));
        }
      },
    },
  ];
}

export function CustomFieldTypeTag({ type }: { type: CustomFieldType }) {
  const { t } = useT();
  return (
    <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>
      {t(`shared:customers.customFieldTypes.${type}`)}
    </Tag>
  );
}

/** Adds a definition, or edits one (its key and type are fixed once values exist); render with a new `key` per opening. */
function CustomFieldEditor({ open, field, nextSortOrder, onClose }: { open: boolean; field?: CustomFieldDefinition; nextSortOrder: number; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FieldFormValues>();
  const create = useCreateCustomFieldMutation();
  const update = useUpdateCustomFieldMutation();
  const reportError = useReportError();
  const type = Form.useWatch('type', form) ?? field?.type ?? 'text';
  const editing = field !== undefined;

  const submit = (values: FieldFormValues) => {
    const options = values.type === 'select' ? [...new Set(values.options.map((option) => option.trim()).filter(Boolean))] : [];
    const sortOrder = values.sortOrder ?? 0;
    const done = (text: string) => {
      void message.success(text);
      onClose();
    };
    const onError = (error: unknown) => reportError(error, form, { 'custom_field.key_taken': 'key' });
    if (!field) {
      const body: CustomFieldCreate = { key: values.key.trim(), label: values.label.trim(), type: values.type, options, sortOrder };
      create.mutate(body, { onSuccess: () => done(t('customers.customFields.created')), onError });
      return;
    }
    const changes: CustomFieldChanges = {};
    if (values.label.trim() !== field.label) changes.label = values.label.trim();
    if (field.type === 'select' && JSON.stringify(options) !== JSON.stringify(field.options)) changes.options = options;
    if (sortOrder !== field.sortOrder) changes.sortOrder = sortOrder;
    if (Object.keys(changes).length === 0) {
      void message.info(t('customers.nothingChanged'));
      onClose();
      return;
    }
    update.mutate({ id: field.id, changes }, { onSuccess: () => done(t('customers.customFields.updated')), onError });
  };

  const initialValues: FieldFormValues = field
    ? { key: field.key, label: field.label, type: field.type, options: field.options, sortOrder: field.sortOrder }
    : { key: '', label: '', type: 'text', options: [], sortOrder: nextSortOrder };

  return (
    <Modal
      open={open}
      title={editing ? t('customers.customFields.editTitle', { label: field.label }) : t('customers.customFields.addTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<FieldFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Form.Item name="label" label={t('customers.customFields.columns.label')} rules={requiredTextRules(t, t('customers.customFields.labelRequired'), 40)}>
          <Input autoComplete="off" data-testid="custom-field-label" />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('customers.customFields.columns.key')}
          extra={editing ? t('customers.customFields.keyFixed') : t('customers.customFields.keyHelp')}
          rules={editing ? [] : keyRules(t)}
        >
          <Input autoComplete="off" disabled={editing} className="kefu-code" maxLength={40} data-testid="custom-field-key" />
        </Form.Item>
        <Form.Item name="type" label={t('customers.customFields.columns.type')} extra={editing ? t('customers.customFields.typeFixed') : undefined}>
          <Select<CustomFieldType>
            disabled={editing}
            options={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: t(`shared:customers.customFieldTypes.${value}`) }))}
            data-testid="custom-field-type"
          />
        </Form.Item>
        {type === 'select' && (
          <Form.Item name="options" label={t('customers.customFields.columns.options')} extra={t('customers.customFields.optionsHelp')} rules={optionRules(t, type)}>
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '\uff0c']} data-testid="custom-field-options" />
          </Form.Item>
        )}
        <Form.Item name="sortOrder" label={t('customers.customFields.columns.sortOrder')} extra={t('customers.customFields.sortOrderHelp')}>
          <InputNumber min={0} max={MAX_SORT_ORDER} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CustomFieldsModalProps {
  open: boolean;
  onClose: () => void;
}

/** The organisation's own customer fields (自定义字段, CUS-1); render with a new `key` for each opening. */
export function CustomFieldsModal({ open, onClose }: CustomFieldsModalProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const fields = useCustomFields({ enabled: open });
  const update = useUpdateCustomFieldMutation();
  const reportError = useReportError();
  const editor = useOverlayState<CustomFieldDefinition>();
  const nextSortOrder = Math.min(MAX_SORT_ORDER, Math.max(0, ...(fields.data ?? []).map((field) => field.sortOrder + 10)));

  const setArchived = (field: CustomFieldDefinition, archived: boolean) =>
    update.mutate(
      { id: field.id, changes: { archived } },
      {
        onSuccess: () => void message.success(archived ? t('customers.customFields.archivedDone') : t('customers.customFields.restoredDone')),
        onError: (error) => reportError(error),
      },
    );

  const columns: TableColumnsType<CustomFieldDefinition> = [
    {
      title: t('customers.customFields.columns.label'),
      dataIndex: 'label',
      render: (label: string, field) => (
        <Typography.Text strong={!field.archived} type={field.archived ? 'secondary' : undefined}>
          {label}
        </Typography.Text>
      ),
    },
    { title: t('customers.customFields.columns.key'), dataIndex: 'key', render: (key: string) => <Typography.Text className="kefu-code">{key}</Typography.Text> },
    { title: t('customers.customFields.columns.type'), dataIndex: 'type', width: 100, render: (type: CustomFieldType) => <CustomFieldTypeTag type={type} /> },
    {
      title: t('customers.customFields.columns.options'),
      dataIndex: 'options',
      render: (options: string[]) =>
        options.length === 0 ? (
          <Typography.Text type="secondary">-</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {options.map((option) => (
              <Tag key={option} style={{ marginInlineEnd: 0 }}>
                {option}
              </Tag>
            ))}
          </Flex>
        ),
    },
    { title: t('customers.customFields.columns.sortOrder'), dataIndex: 'sortOrder', width: 70 },
    {
      title: t('customers.customFields.columns.status'),
      dataIndex: 'archived',
      width: 90,
      render: (archived: boolean) =>
        archived ? <Tag>{t('customers.customFields.archived')}</Tag> : <Tag color="success">{t('customers.customFields.active')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, field) => (
        <Flex gap={4}>
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => editor.show(field)}>
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            disabled={update.isPending}
            onClick={() => setArchived(field, !field.archived)}
            data-testid={`custom-field-archive-${field.key}`}
          >
            {field.archived ? t('customers.customFields.restore') : t('customers.customFields.archive')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={t('customers.customFields.title')}
      onCancel={onClose}
      width={880}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Flex justify="space-between" align="flex-start" gap={16} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('customers.customFields.help')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => editor.show()} data-testid="custom-field-add">
          {t('customers.customFields.add')}
        </Button>
      </Flex>
      {fields.isError ? (
        <LoadFailedResult error={fields.error} onRetry={() => void fields.refetch()} />
      ) : (
        <Table<CustomFieldDefinition>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={fields.data}
          loading={fields.isFetching}
          pagination={false}
          locale={{ emptyText: t('customers.customFields.empty') }}
        />
      )}
      <CustomFieldEditor key={`field-${editor.key}`} open={editor.open} field={editor.payload} nextSortOrder={nextSortOrder} onClose={editor.hide} />
    </Modal>
  );
}
