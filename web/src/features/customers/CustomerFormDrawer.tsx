import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
  type FormInstance,
  type FormRule,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CUSTOMER_TIERS,
  CUSTOMER_TYPES,
  PERSONALITY_TYPES,
  isValidPhone,
  isValidResidentId,
  normalizePhone,
  type CustomFieldDefinition,
  type Customer,
  type CustomerInput,
  type CustomerTier,
  type CustomerType,
  type CustomerUpdate,
  type PersonalityType,
} from '@kefu/contracts';
import { useT, type AppT } from '../../i18n/useT';
import { newIdempotencyKey } from '../../api/client';
import { useCreateCustomerMutation, useCustomFields, useUpdateCustomerMutation } from '../../api/customers';
import { requiredTextRules } from '../../components/form-rules';
import { useReportError } from '../../components/useReportError';
import { CustomerPicker } from './CustomerPicker';
import { useAccountManagerOptions } from './useAccountManagers';
import { MAX_PHONE_LABEL_LENGTH, MAX_PHONES, PHONE_LABELS } from './phone-form';

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 20;
/** ASCII and full-width commas: Chinese input methods type the latter. */
const TAG_SEPARATORS = [',', '\uff0c'];
const DATE_FORMAT = 'YYYY-MM-DD';
const SEGMENTS = ['prepaid', 'postpaid'] as const;
const SOURCES = ['hotline', 'store', 'online', 'referral'] as const;

interface PhoneValue {
  number: string;
  label?: string;
  primary: boolean;
}

interface CustomerFormValues {
  name: string;
  type: CustomerType;
  tier: CustomerTier;
  tierReason?: string;
  segment?: string;
  source?: string;
  personality?: PersonalityType | null;
  accountManagerId?: number | null;
  organizationId?: number | null;
  familyId?: number | null;
  /** Not on the form when the numbers are masked: they are then managed on the profile page. */
  phones?: PhoneValue[];
  email?: string;
  address?: string;
  idNumber?: string;
  birthday?: Dayjs | null;
  tags: string[];
  notes?: string;
  /** By field key; dates are kept as YYYY-MM-DD text. */
  customFields: Record<string, string | number | null | undefined>;
}

type CustomFieldValues = Record<string, string | number | null>;

/** Everything the form edits, as the API takes it: blanks become null. */
type CustomerBody = Required<Omit<CustomerInput, 'accountManagerId'>> & Pick<CustomerInput, 'accountManagerId'>;

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The values of the fields the form shows (not archived); blanks become null. */
function customFieldsOf(values: CustomerFormValues['customFields'] | undefined, definitions: CustomFieldDefinition[]): CustomFieldValues {
  const result: CustomFieldValues = {};
  for (const definition of definitions) {
    const value = values?.[definition.key];
    if (definition.type === 'number') result[definition.key] = typeof value === 'number' && Number.isFinite(value) ? value : null;
    else result[definition.key] = blankToNull(value === null || value === undefined ? undefined : String(value));
  }
  return result;
}

function toBody(values: CustomerFormValues, includeAccountManager: boolean, definitions: CustomFieldDefinition[]): CustomerBody {
  const idNumber = blankToNull(values.idNumber);
  return {
    name: values.name.trim(),
    type: values.type,
    tier: values.tier,
    segment: blankToNull(values.segment),
    source: blankToNull(values.source),
    personality: values.personality ?? null,
    ...(includeAccountManager ? { accountManagerId: values.accountManagerId ?? null } : {}),
    organizationId: values.type === 'group' ? null : (values.organizationId ?? null),
    familyId: values.type === 'personal' ? (values.familyId ?? null) : null,
    // Absent when the phone list is not on the form (numbers managed on the profile page).
    phones: (values.phones ?? [])
      .filter((phone) => phone.number?.trim())
      .map((phone) => ({ number: phone.number.trim(), label: phone.label?.trim() || undefined, primary: phone.primary })),
    email: blankToNull(values.email),
    address: blankToNull(values.address),
    idNumber: idNumber?.toUpperCase() ?? null,
    birthday: values.birthday ? values.birthday.format(DATE_FORMAT) : null,
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    notes: blankToNull(values.notes),
    customFields: customFieldsOf(values.customFields, definitions),
  };
}

/** A new customer carries only the custom fields that were filled in. */
function filledOnly(values: CustomFieldValues): CustomFieldValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

function initialValues(customer: Customer | undefined): CustomerFormValues {
  if (!customer) return { name: '', type: 'personal', tier: 'regular', phones: [{ number: '', primary: true }], tags: [], customFields: {} };
  return {
    name: customer.name,
    type: customer.type,
    tier: customer.tier,
    segment: customer.segment ?? undefined,
    source: customer.source ?? undefined,
    personality: customer.personality,
    accountManagerId: customer.accountManager?.id ?? null,
    organizationId: customer.organization?.id ?? null,
    familyId: customer.family?.id ?? null,
    phones: customer.phones.map((phone) => ({ number: phone.number, label: phone.label ?? undefined, primary: phone.primary })),
    email: customer.email ?? undefined,
    address: customer.address ?? undefined,
    idNumber: customer.idNumber ?? undefined,
    birthday: customer.birthday ? dayjs(customer.birthday, DATE_FORMAT) : null,
    tags: customer.tags,
    notes: customer.notes ?? undefined,
    customFields: { ...customer.customFields },
  };
}

/** Only what the user changed, so masked numbers the user could not see are never sent back. */
function changesOf(before: CustomerBody, after: CustomerBody, piiMasked: boolean): CustomerUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CustomerBody)[]) {
    if (piiMasked && (key === 'phones' || key === 'idNumber')) continue;
    if (key === 'customFields') {
      // Only the keys that changed: absent keys are kept on the server, null clears one.
      const changed = Object.entries(after.customFields).filter(([field, value]) => before.customFields[field] !== value);
      if (changed.length > 0) changes.customFields = Object.fromEntries(changed);
      continue;
    }
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes as CustomerUpdate;
}

function optionalTextRules(t: AppT, max: number): FormRule[] {
  return [{ max, message: t('shared:validation.too_big_string', { maximum: max }) }];
}

const phoneRules = (t: AppT): FormRule[] => [
  { required: true, whitespace: true, message: t('customers.phoneRequired') },
  {
    validator: async (_rule, value: unknown) => {
      if (typeof value === 'string' && value.trim() !== '' && !isValidPhone(normalizePhone(value))) {
        throw new Error(t('shared:validation.phone'));
      }
    },
  },
];

const idNumberRules = (t: AppT): FormRule[] => [
  {
    validator: async (_rule, value: unknown) => {
      if (typeof value === 'string' && value.trim() !== '' && !isValidResidentId(value.trim())) {
        throw new Error(t('shared:validation.resident_id'));
      }
    },
  },
];

const tagRules = (t: AppT): FormRule[] => [
  { type: 'array', max: MAX_TAGS, message: t('shared:validation.too_big_array', { maximum: MAX_TAGS }) },
  {
    validator: async (_rule, value: unknown) => {
      if (Array.isArray(value) && value.some((tag) => String(tag).trim().length > MAX_TAG_LENGTH)) {
        throw new Error(t('customers.tagTooLong', { maximum: MAX_TAG_LENGTH }));
      }
    },
  },
];

function PhoneList({ form }: { form: FormInstance<CustomerFormValues> }) {
  const { t } = useT();
  const labelOptions = PHONE_LABELS.map((label) => ({ value: t(`customers.phoneLabels.${label}`) }));
  const makePrimary = (index: number) => {
    const phones: PhoneValue[] = form.getFieldValue('phones') ?? [];
    form.setFieldValue(
      'phones',
      phones.map((phone, position) => ({ ...phone, primary: position === index })),
    );
  };

  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <Flex vertical gap={0}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={[field.name, 'number']} rules={phoneRules(t)} style={{ flex: 1 }}>
                <Input
                  placeholder={t('customers.phoneNumberPlaceholder')}
                  autoComplete="off"
                  inputMode="tel"
                  data-testid={`customer-form-phone-${index}`}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'label']} rules={optionalTextRules(t, MAX_PHONE_LABEL_LENGTH)} style={{ width: 120 }}>
                <AutoComplete options={labelOptions} placeholder={t('customers.phoneLabelPlaceholder')} />
              </Form.Item>
              <Form.Item name={[field.name, 'primary']} valuePropName="checked" style={{ width: 96, paddingTop: 5 }}>
                <Radio onClick={() => makePrimary(index)}>
                  {t('customers.primaryPhone')}
                </Radio>
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('customers.removePhone')}
                onClick={() => {
                  const wasPrimary = (form.getFieldValue(['phones', field.name, 'primary']) as boolean | undefined) === true;
                  remove(field.name);
                  if (wasPrimary && fields.length > 1) makePrimary(0);
                }}
              />
            </Flex>
          ))}
          {fields.length < MAX_PHONES && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ number: '', primary: fields.length === 0 })}
              style={{ marginBottom: 24 }}
              data-testid="customer-form-add-phone"
            >
              {t('customers.addPhone')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

const MAX_CUSTOM_TEXT = 500;

/** One organisation-defined field, with the input its type needs; dates stay YYYY-MM-DD text in the form. */
function CustomFieldItem({ definition, current }: { definition: CustomFieldDefinition; current: string | number | undefined }) {
  const { t } = useT();
  const name = ['customFields', definition.key];
  const testId = `customer-form-custom-${definition.key}`;
  switch (definition.type) {
    case 'number':
      return (
        <Form.Item name={name} label={definition.label}>
          <InputNumber style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item
          name={name}
          label={definition.label}
          getValueProps={(value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value, DATE_FORMAT) : null })}
          normalize={(value: Dayjs | null) => (value ? value.format(DATE_FORMAT) : null)}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'select': {
      // A value whose option was since removed is still shown, so saving other changes keeps it.
      const options = typeof current === 'string' && current && !definition.options.includes(current) ? [...definition.options, current] : definition.options;
      return (
        <Form.Item name={name} label={definition.label}>
          <Select allowClear options={options.map((option) => ({ value: option, label: option }))} data-testid={testId} />
        </Form.Item>
      );
    }
    default:
      return (
        <Form.Item name={name} label={definition.label} rules={[{ max: MAX_CUSTOM_TEXT, message: t('shared:validation.too_big_string', { maximum: MAX_CUSTOM_TEXT }) }]}>
          <Input autoComplete="off" data-testid={testId} />
        </Form.Item>
      );
  }
}

/** Render with a new `key` for each opening (see useOverlayState): the form starts from `customer`. */
interface CustomerFormDrawerProps {
  open: boolean;
  /** The customer being edited; absent when creating. */
  customer?: Customer;
  onClose: () => void;
  onCreated?: (customer: Customer) => void;
}

export function CustomerFormDrawer({ open, customer, onClose, onCreated }: CustomerFormDrawerProps) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomerFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const createCustomer = useCreateCustomerMutation();
  const updateCustomer = useUpdateCustomerMutation();
  const reportError = useReportError();
  const managers = useAccountManagerOptions();
  const customFields = useCustomFields();
  const activeFields = (customFields.data ?? []).filter((field) => !field.archived);
  const [initial] = useState(() => initialValues(customer));
  const type = Form.useWatch('type', form) ?? initial.type;
  const tier = Form.useWatch('tier', form) ?? initial.tier;
  const personality = Form.useWatch('personality', form);
  const editing = customer !== undefined;
  const piiLocked = editing && customer.piiMasked;
  const tierChanged = editing && tier !== customer.tier;
  const saving = createCustomer.isPending || updateCustomer.isPending;

  const onError = (error: unknown) =>
    reportError(error, form, {
      'customer.account_manager_invalid': 'accountManagerId',
      'customer.organization_invalid': 'organizationId',
      'customer.family_invalid': 'familyId',
    });

  const submit = (values: CustomerFormValues) => {
    const body = toBody(values, managers.enabled, activeFields);
    if (!customer) {
      createCustomer.mutate(
        { body: { ...body, customFields: filledOnly(body.customFields) }, idempotencyKey },
        {
          onSuccess: (created) => {
            void message.success(t('customers.created'));
            onClose();
            onCreated?.(created);
          },
          onError,
        },
      );
      return;
    }
    const changes = changesOf(toBody(initial, managers.enabled, activeFields), body, customer.piiMasked);
    if (Object.keys(changes).length === 0) {
      void message.info(t('customers.nothingChanged'));
      onClose();
      return;
    }
    if (changes.tier !== undefined) changes.tierReason = values.tierReason?.trim() || undefined;
    updateCustomer.mutate(
      { id: customer.id, changes },
      {
        onSuccess: () => {
          void message.success(t('customers.updated'));
          onClose();
        },
        onError,
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={680}
      title={editing ? t('customers.editTitle', { name: customer.name }) : t('customers.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="customer-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<CustomerFormValues> form={form} layout="vertical" onFinish={submit} initialValues={initial} scrollToFirstError>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('customers.sections.basic')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('customers.fields.name')} rules={requiredTextRules(t, t('customers.nameRequired'), 64)}>
              <Input autoComplete="off" data-testid="customer-form-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="type" label={t('customers.fields.type')} rules={[{ required: true, message: t('customers.typeRequired') }]}>
              <Select options={CUSTOMER_TYPES.map((value) => ({ value, label: t(`shared:customers.types.${value}`) }))} data-testid="customer-form-type" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="tier" label={t('customers.fields.tier')}>
              <Select options={CUSTOMER_TIERS.map((value) => ({ value, label: t(`shared:customers.tiers.${value}`) }))} data-testid="customer-form-tier" />
            </Form.Item>
          </Col>
          {tierChanged && (
            <Col span={24}>
              <Form.Item
                name="tierReason"
                label={t('customers.fields.tierReason')}
                extra={t('customers.tierReasonHelp')}
                rules={requiredTextRules(t, t('customers.tierReasonRequired'), 200)}
              >
                <Input autoComplete="off" data-testid="customer-form-tier-reason" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="segment" label={t('customers.fields.segment')} rules={optionalTextRules(t, 32)}>
              <AutoComplete options={SEGMENTS.map((segment) => ({ value: t(`customers.segments.${segment}`) }))} allowClear />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="source" label={t('customers.fields.source')} rules={optionalTextRules(t, 32)}>
              <AutoComplete options={SOURCES.map((source) => ({ value: t(`customers.sources.${source}`) }))} allowClear />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="personality"
              label={t('customers.fields.personality')}
              extra={personality ? t(`shared:customers.personalityHints.${personality}`) : t('customers.personalityHelp')}
            >
              <Select
                allowClear
                placeholder={t('customers.personalityPlaceholder')}
                options={PERSONALITY_TYPES.map((value) => ({ value, label: t(`shared:customers.personalities.${value}`) }))}
                data-testid="customer-form-personality"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            {managers.enabled ? (
              <Form.Item name="accountManagerId" label={t('customers.fields.accountManager')}>
                <Select<number>
                  allowClear
                  placeholder={t('customers.noAccountManager')}
                  loading={managers.loading}
                  options={managers.options}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            ) : (
              <Form.Item label={t('customers.fields.accountManager')} extra={t('customers.accountManagerReadOnly')}>
                <Input value={customer?.accountManager?.name ?? ''} placeholder={t('customers.noAccountManager')} disabled />
              </Form.Item>
            )}
          </Col>
          {type !== 'group' && (
            <Col span={12}>
              <Form.Item name="organizationId" label={t('customers.fields.organization')}>
                <CustomerPicker type="group" current={customer?.organization} placeholder={t('customers.pickOrganization')} />
              </Form.Item>
            </Col>
          )}
          {type === 'personal' && (
            <Col span={12}>
              <Form.Item name="familyId" label={t('customers.fields.family')}>
                <CustomerPicker type="family" current={customer?.family} placeholder={t('customers.pickFamily')} />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start">{t('customers.sections.contact')}</Divider>
        <Typography.Text style={{ display: 'block', marginBottom: 8 }}>{t('customers.fields.phones')}</Typography.Text>
        {piiLocked ? (
          // Without pii.view the numbers are masked, and PATCH replaces the whole list: they are changed one at a time on the profile.
          <Alert type="info" showIcon title={t('customers.phonesOnProfile')} style={{ marginBottom: 24 }} data-testid="customer-form-phones-on-profile" />
        ) : (
          <PhoneList form={form} />
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('customers.fields.email')}
              rules={[{ type: 'email', message: t('shared:validation.invalid_email') }, ...optionalTextRules(t, 200)]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="idNumber"
              label={t('customers.fields.idNumber')}
              rules={piiLocked ? [] : idNumberRules(t)}
              extra={piiLocked ? t('customers.idNumberLocked') : undefined}
            >
              <Input autoComplete="off" disabled={piiLocked} maxLength={18} data-testid="customer-form-id-number" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('customers.fields.address')} rules={optionalTextRules(t, 200)}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthday" label={t('customers.fields.birthday')}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('customers.sections.more')}</Divider>
        <Form.Item name="tags" label={t('customers.fields.tags')} rules={tagRules(t)} extra={t('customers.tagsHelp')}>
          <Select mode="tags" tokenSeparators={TAG_SEPARATORS} open={false} suffixIcon={null} data-testid="customer-form-tags" />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.fields.notes')} rules={optionalTextRules(t, 2000)}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={2000} />
        </Form.Item>

        {activeFields.length > 0 && (
          <>
            <Divider titlePlacement="start">{t('customers.sections.custom')}</Divider>
            <Row gutter={16}>
              {activeFields.map((definition) => (
                <Col span={12} key={definition.key}>
                  <CustomFieldItem definition={definition} current={customer?.customFields[definition.key]} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </Form>
    </Drawer>
  );
}
