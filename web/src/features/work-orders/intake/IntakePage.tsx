/*
 * The 5W1H intake form (WO-1) for every channel.
 *
 * Test ids (for e2e):
 *   intake-occurred-at            when: date-time picker (defaults to now)
 *   intake-customer-mode          who: radio group; click intake-customer-mode-existing | -create | -anonymous (the option labels)
 *   intake-phone                  who/existing: lookup box (phone in any spelling, ID suffix or name; Enter searches)
 *   intake-customer-option        who/existing: one found customer (radio); intake-lookup-empty when none,
 *                                 intake-lookup-create to start a new profile with the searched number
 *   intake-new-name, intake-new-type, intake-new-phone   who/create: the new profile
 *   intake-contact-name, intake-contact-phone            who: the caller (anonymous callers, or someone calling for the customer)
 *   intake-channel                where: radio group of channels; click the label intake-channel-<channel>
 *   intake-location               where
 *   intake-type                   what: select of types
 *   intake-category               what: category tree select (fills priority and team from the category)
 *   intake-field-<key>            what: the category's own fields
 *   intake-title, intake-description, intake-priority
 *   intake-reason                 why
 *   intake-requested-handling     how
 *   intake-department, intake-due-at                     optional handling team and promised time
 *   intake-resolution             radio group; click the label intake-resolution-order | intake-resolution-answered
 *   intake-answer                 the answer given on the spot (answered only)
 *   intake-submit                 submit (Ctrl+Enter also submits)
 * After success the page navigates to /work-orders/:id and a toast names the new number.
 */
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography, type FormInstance, type FormRule } from 'antd';
import { CheckCircleOutlined, FileAddOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import {
  CHANNELS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  CUSTOMER_SEEKS,
  CUSTOMER_TYPES,
  PRIORITIES,
  WORK_ORDER_TYPES,
  type Category,
  type CategoryField,
  type CustomerSummary,
  type CustomerType,
  type Priority,
  type WorkOrderType,
  isValidPhone,
  normalizePhone,
} from '@kefu/contracts';
import { useT, type AppT } from '../../../i18n/useT';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { useCreateComplaintMutation } from '../../../api/complaints';
import { useCreateWorkOrderMutation, useWorkOrderCategories } from '../../../api/work-orders';
import { complaintPath, workOrderPath } from '../../../app/navigation';
import { PageContainer } from '../../../components/PageContainer';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { PersonalityHint } from '../../customers/PersonalityHint';
import { CategoryTreeSelect } from '../shared/CategoryTreeSelect';
import { categoryPathLabel } from '../shared/category-tree';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';
import { CustomerLookup } from './CustomerLookup';
import { CUSTOMER_MODES, DATE_FORMAT, RESOLUTION_MODES, intakeFieldName, toComplaintBody, toIntakeBody, type IntakeFormValues } from './intake-form';

const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** The same check the server makes, so a mistyped number is caught before sending. */
function phoneRules(t: AppT): FormRule[] {
  return [
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return;
        if (value.trim().length > 40 || !isValidPhone(normalizePhone(value))) throw new Error(t('shared:validation.phone'));
      },
    },
  ];
}

/** `order`: any contact (WO-1); `complaint`: a 投诉 with its register fields (CMP-2, CMP-3). */
export type IntakeVariant = 'order' | 'complaint';

function initialValues(variant: IntakeVariant): Partial<IntakeFormValues> {
  return {
    occurredAt: dayjs(),
    customerMode: 'existing',
    newCustomer: { type: 'personal' },
    channel: 'phone',
    type: variant === 'complaint' ? 'complaint' : 'consultation',
    resolutionMode: 'order',
    formData: {},
    ...(variant === 'complaint' ? { complaint: { source: 'hotline', customerSeeks: 'solution', severity: 'general' } } : {}),
  };
}

/** The complaint register's own questions: where it came from, what the customer wants, how serious it is. */
function ComplaintFields() {
  const { t } = useT();
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item name={['complaint', 'source']} label={t('complaints.fields.source')} extra={t('complaints.intake.sourceHelp')} rules={[{ required: true }]}>
          <Select options={COMPLAINT_SOURCES.map((value) => ({ value, label: t(`shared:complaints.sources.${value}`) }))} data-testid="complaint-source" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['complaint', 'customerSeeks']} label={t('complaints.fields.customerSeeks')} rules={[{ required: true }]}>
          <Select options={CUSTOMER_SEEKS.map((value) => ({ value, label: t(`shared:complaints.seeks.${value}`) }))} data-testid="complaint-seeks" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['complaint', 'severity']} label={t('complaints.fields.severity')} extra={t('complaints.intake.severityHelp')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={COMPLAINT_SEVERITIES.map((value) => ({ value, label: t(`shared:complaints.severities.${value}`) }))}
            data-testid="complaint-severity-input"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

function CategoryFieldItem({ field }: { field: CategoryField }) {
  const testId = `intake-field-${field.key}`;
  const rules = field.required ? [{ required: true }] : [];
  const control = (() => {
    switch (field.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} data-testid={testId} />;
      case 'date':
        return <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid={testId} />;
      case 'select':
        return <Select allowClear options={field.options.map((option) => ({ value: option, label: option }))} data-testid={testId} />;
      default:
        return <Input maxLength={500} data-testid={testId} />;
    }
  })();
  return (
    <Col xs={24} md={12} xl={8}>
      <Form.Item name={['formData', field.key]} label={field.label} rules={rules}>
        {control}
      </Form.Item>
    </Col>
  );
}

export function IntakePage() {
  return <IntakeForm variant="order" />;
}

export function IntakeForm({ variant }: { variant: IntakeVariant }) {
  const { t } = useT();
  const isComplaint = variant === 'complaint';
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<IntakeFormValues>();
  const [initial] = useState(() => initialValues(variant));
  // One key per intake: a double click or a retry after a lost answer creates one order, not two.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [pickedCustomer, setPickedCustomer] = useState<CustomerSummary | undefined>();
  const categories = useWorkOrderCategories();
  const create = useCreateWorkOrderMutation();
  const createComplaint = useCreateComplaintMutation();
  const submitting = create.isPending || createComplaint.isPending;
  const customerMode = Form.useWatch('customerMode', form) ?? initial.customerMode;
  const resolutionMode = Form.useWatch('resolutionMode', form) ?? initial.resolutionMode;
  const categoryId = Form.useWatch('categoryId', form);
  const category = categories.data?.find((candidate) => candidate.id === categoryId);

  const chooseCategory = (next: Category | undefined) => {
    if (!next) return;
    // The category's defaults are suggestions the agent can still change.
    form.setFieldsValue({ priority: next.defaultPriority, departmentId: next.defaultDepartment?.id ?? null, formData: {} });
  };

  const startNewProfile = (phone: string | undefined) => {
    form.setFieldsValue({ customerMode: 'create', newCustomer: { ...form.getFieldValue('newCustomer'), phone } });
  };

  const submit = async (values: IntakeFormValues) => {
    try {
      if (isComplaint) {
        const complaint = await createComplaint.mutateAsync({ body: toComplaintBody(values, category), idempotencyKey });
        void message.success(t('complaints.intake.created', { number: complaint.order.number }));
        navigate(complaintPath(complaint.id));
        return;
      }
      const order = await create.mutateAsync({ body: toIntakeBody(values, category), idempotencyKey });
      void message.success(
        values.resolutionMode === 'answered' ? t('intake.answeredDone', { number: order.number }) : t('intake.created', { number: order.number }),
      );
      navigate(workOrderPath(order.id));
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) {
        const unplaced: string[] = [];
        const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
        for (const field of error.fields) {
          const name = intakeFieldName(field.path);
          if (!name) {
            unplaced.push(field.message);
            continue;
          }
          const key = name.join('.');
          const entry = placed.get(key) ?? { name, errors: [] };
          entry.errors.push(field.message);
          placed.set(key, entry);
        }
        // Paths come from the server, so the typed name paths of the form do not apply.
        (form as FormInstance).setFields([...placed.values()]);
        const first = [...placed.values()][0];
        if (first) form.scrollToField(first.name, { block: 'center' });
        void message.error(unplaced.length > 0 ? unplaced.join(' ') : error.message);
        return;
      }
      reportError(error, form);
    }
  };

  return (
    <PageContainer title={isComplaint ? t('complaints.intake.title') : t('intake.title')} description={isComplaint ? t('complaints.intake.description') : t('intake.description')}>
      <Form<IntakeFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void submit(values)}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
          if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            form.submit();
          } else if (event.target instanceof HTMLInputElement) {
            // Enter in a one-line field (the lookup box, a title) must not send a half-filled intake.
            event.preventDefault();
          }
        }}
        scrollToFirstError={false}
        data-testid="intake-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Card size="small" title={t('intake.sections.who')} style={{ marginBottom: 16 }}>
              <Form.Item name="customerMode" style={{ marginBottom: 12 }}>
                <Radio.Group optionType="button" buttonStyle="solid" data-testid="intake-customer-mode">
                  {CUSTOMER_MODES.map((mode) => (
                    <Radio.Button key={mode} value={mode}>
                      <span data-testid={`intake-customer-mode-${mode}`}>{t(`intake.customerModes.${mode}`)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              {customerMode === 'existing' && (
                <>
                  <Form.Item name="customerId" rules={[{ required: true, message: t('intake.lookup.required') }]} style={{ marginBottom: 12 }}>
                    <CustomerLookup
                      onPick={setPickedCustomer}
                      onCreate={startNewProfile}
                      onPhoneSearched={(phone) => {
                        if (!form.getFieldValue('contactPhone')) form.setFieldsValue({ contactPhone: phone });
                      }}
                    />
                  </Form.Item>
                  {pickedCustomer && (
                    <div style={{ marginBottom: 12 }}>
                      <PersonalityHint personality={pickedCustomer.personality} />
                    </div>
                  )}
                </>
              )}
              {customerMode === 'create' && (
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item name={['newCustomer', 'name']} label={t('intake.fields.newName')} rules={requiredTextRules(t, t('intake.fields.newNameRequired'), 64)}>
                      <Input maxLength={64} data-testid="intake-new-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6}>
                    <Form.Item name={['newCustomer', 'type']} label={t('intake.fields.newType')} rules={[{ required: true }]}>
                      <Select<CustomerType>
                        options={CUSTOMER_TYPES.map((value) => ({ value, label: t(`shared:customers.types.${value}`) }))}
                        data-testid="intake-new-type"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['newCustomer', 'phone']} label={t('intake.fields.newPhone')} rules={phoneRules(t)}>
                      <Input maxLength={40} inputMode="tel" data-testid="intake-new-phone" />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="contactName"
                    label={t('intake.fields.contactName')}
                    extra={customerMode === 'anonymous' ? undefined : t('intake.fields.contactHelp')}
                    rules={[{ max: 64 }]}
                  >
                    <Input maxLength={64} data-testid="intake-contact-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="contactPhone" label={t('intake.fields.contactPhone')} rules={[{ max: 40 }]}>
                    <Input maxLength={40} inputMode="tel" data-testid="intake-contact-phone" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('intake.sections.whenWhere')} style={{ marginBottom: 16 }}>
              <Form.Item name="occurredAt" label={t('intake.fields.occurredAt')} rules={[{ required: true }]}>
                <DatePicker showTime format={DATE_TIME_FORMAT} style={{ width: '100%' }} data-testid="intake-occurred-at" />
              </Form.Item>
              <Form.Item name="channel" label={t('intake.fields.channel')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" size="small" data-testid="intake-channel">
                  {CHANNELS.map((channel) => (
                    <Radio.Button key={channel} value={channel}>
                      <span data-testid={`intake-channel-${channel}`}>{t(`shared:workOrders.channels.${channel}`)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Form.Item name="location" label={t('intake.fields.location')} rules={[{ max: 200 }]} style={{ marginBottom: 0 }}>
                <Input maxLength={200} placeholder={t('intake.fields.locationPlaceholder')} data-testid="intake-location" />
              </Form.Item>
            </Card>
          </Col>
        </Row>

        <Card size="small" title={t('intake.sections.what')} style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} md={8} xl={6} style={isComplaint ? { display: 'none' } : undefined}>
              <Form.Item name="type" label={t('intake.fields.type')} rules={[{ required: true }]}>
                <Select<WorkOrderType>
                  options={WORK_ORDER_TYPES.map((value) => ({ value, label: t(`shared:workOrders.types.${value}`) }))}
                  data-testid="intake-type"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16} xl={12}>
              <Form.Item name="categoryId" label={t('intake.fields.category')} rules={[{ required: true }]}>
                <CategoryTreeSelect
                  placeholder={t('intake.fields.categoryPlaceholder')}
                  onChange={(_value, next) => chooseCategory(next)}
                  style={{ width: '100%' }}
                  data-testid="intake-category"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={6}>
              <Form.Item
                name="priority"
                label={t('intake.fields.priority')}
                extra={category ? t('intake.fields.priorityFromCategory') : undefined}
              >
                <Select<Priority>
                  allowClear
                  placeholder={t('intake.fields.priorityDefault')}
                  options={PRIORITIES.map((value) => ({ value, label: t(`shared:workOrders.priorities.${value}`) }))}
                  data-testid="intake-priority"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('intake.fields.title')} rules={requiredTextRules(t, t('intake.fields.titleRequired'), 120)}>
            <Input maxLength={120} showCount placeholder={t('intake.fields.titlePlaceholder')} data-testid="intake-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('intake.fields.description')}
            rules={requiredTextRules(t, t('intake.fields.descriptionRequired'), 5000)}
          >
            <Input.TextArea rows={4} maxLength={5000} placeholder={t('intake.fields.descriptionPlaceholder')} data-testid="intake-description" />
          </Form.Item>
          {category && category.fields.length > 0 && (
            <>
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                {t('intake.categoryFields', { category: categoryPathLabel(category) })}
              </Typography.Text>
              <Row gutter={12}>
                {category.fields.map((field) => (
                  <CategoryFieldItem key={field.key} field={field} />
                ))}
              </Row>
            </>
          )}
        </Card>

        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('intake.sections.why')} style={{ marginBottom: 16 }}>
              <Form.Item
                name="reason"
                label={t('intake.fields.reason')}
                rules={requiredTextRules(t, t('intake.fields.reasonRequired'), 1000)}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea rows={3} maxLength={1000} placeholder={t('intake.fields.reasonPlaceholder')} data-testid="intake-reason" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('intake.sections.how')} style={{ marginBottom: 16 }}>
              <Form.Item
                name="requestedHandling"
                label={t('intake.fields.requestedHandling')}
                rules={requiredTextRules(t, t('intake.fields.requestedHandlingRequired'), 1000)}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={1000}
                  placeholder={t('intake.fields.requestedHandlingPlaceholder')}
                  data-testid="intake-requested-handling"
                />
              </Form.Item>
            </Card>
          </Col>
        </Row>

        <Card size="small" title={isComplaint ? t('complaints.intake.section') : t('intake.sections.outcome')}>
          {isComplaint ? (
            <>
              <ComplaintFields />
              <Form.Item name="departmentId" label={t('intake.fields.department')} extra={t('intake.fields.departmentHelp')}>
                <DirectoryDepartmentSelect allowClear popupMatchSelectWidth={false} placeholder={t('intake.fields.departmentPlaceholder')} style={{ width: '100%', maxWidth: 420 }} data-testid="intake-department" />
              </Form.Item>
            </>
          ) : (
          <>
          <Form.Item name="resolutionMode" style={{ marginBottom: 12 }}>
            <Radio.Group data-testid="intake-resolution">
              {RESOLUTION_MODES.map((mode) => (
                <Radio key={mode} value={mode}>
                  <span data-testid={`intake-resolution-${mode}`}>{t(`intake.resolutionModes.${mode}`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {resolutionMode === 'answered' ? (
            <Form.Item name="answer" label={t('intake.fields.answer')} rules={requiredTextRules(t, t('intake.fields.answerRequired'), 5000)}>
              <Input.TextArea rows={3} maxLength={5000} placeholder={t('intake.fields.answerPlaceholder')} data-testid="intake-answer" />
            </Form.Item>
          ) : (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="departmentId" label={t('intake.fields.department')} extra={t('intake.fields.departmentHelp')}>
                  <DirectoryDepartmentSelect allowClear popupMatchSelectWidth={false} placeholder={t('intake.fields.departmentPlaceholder')} style={{ width: '100%' }} data-testid="intake-department" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="dueAt" label={t('intake.fields.dueAt')} extra={t('intake.fields.dueAtHelp')}>
                  <DatePicker
                    showTime
                    format={DATE_TIME_FORMAT}
                    disabledDate={(date) => date.isBefore(dayjs(), 'day')}
                    style={{ width: '100%' }}
                    data-testid="intake-due-at"
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
          </>
          )}
          <Flex gap={12} align="center" wrap>
            <Button
              type="primary"
              htmlType="submit"
              loading={submitting}
              icon={resolutionMode === 'answered' && !isComplaint ? <CheckCircleOutlined /> : <FileAddOutlined />}
              data-testid="intake-submit"
            >
              {isComplaint ? t('complaints.intake.submit') : resolutionMode === 'answered' ? t('intake.submitAnswered') : t('intake.submitOrder')}
            </Button>
            <Typography.Text type="secondary">{t('intake.submitHint')}</Typography.Text>
          </Flex>
        </Card>
      </Form>
    </PageContainer>
  );
}
