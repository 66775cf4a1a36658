/*
 * The SLA policy editor (SLA-2) with its live preview.
 *
 * Test ids: sla-policy-form, sla-policy-name, sla-policy-active, sla-policy-calendar,
 * sla-policy-types, sla-policy-categories, sla-policy-channels, sla-policy-tiers, sla-policy-priorities,
 * sla-target-<kind>-enabled, sla-target-<kind>-max, sla-target-<kind>-average, sla-target-<kind>-basis,
 * sla-policy-warn, sla-policy-notify-outside, sla-escalation-<level>, sla-policy-submit, sla-policy-delete.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Select, Switch, TreeSelect, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  PRIORITIES,
  SLA_TARGET_KINDS,
  SUPERIOR_LEVELS,
  TIME_BASES,
  WORK_ORDER_TYPES,
  type SlaPolicy,
  type SlaTargetKind,
} from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { useDeletePolicyMutation, useSavePolicyMutation, useSlaCalendars, useSlaPolicies } from '../../api/sla';
import { useWorkOrderCategories } from '../../api/work-orders';
import { SLA_POLICIES_PATH, slaPolicyPath } from '../../app/navigation';
import { PageContainer } from '../../components/PageContainer';
import { requiredTextRules } from '../../components/form-rules';
import { preventImplicitSubmit } from '../../components/form-keys';
import { useReportError } from '../../components/useReportError';
import { buildCategoryTree } from '../work-orders/shared/category-tree';
import { DEFAULT_TIME_ZONE } from './calendar-form';
import { DurationInput } from './DurationInput';
import { EditorWithPreview } from './EditorWithPreview';
import { ListItemRoute, useListItemId } from './ListItemRoute';
import { SlaPreviewPanel } from './SlaPreviewPanel';
import { formTargets, formToPolicyInput, newPolicyForm, policyToForm, type PolicyFormValues } from './policy-form';

function TargetEditor({ kind }: { kind: SlaTargetKind }) {
  const { t } = useT();
  const form = Form.useFormInstance<PolicyFormValues>();
  const enabled = Form.useWatch(['targets', kind, 'enabled'], form) ?? false;
  return (
    <Card size="small" type="inner" title={t(`shared:sla.targetKinds.${kind}`)} extra={
      <Form.Item name={['targets', kind, 'enabled']} valuePropName="checked" noStyle>
        <Switch size="small" data-testid={`sla-target-${kind}-enabled`} />
      </Form.Item>
    }>
      {enabled ? (
        <Flex gap={16} wrap>
          <Form.Item
            name={['targets', kind, 'maxMinutes']}
            label={t('slaPolicies.fields.maxMinutes')}
            extra={t('slaPolicies.maxHelp')}
            rules={[{ required: true, message: t('slaPolicies.maxRequired') }, { type: 'number', min: 1, message: t('slaPolicies.maxRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <DurationInput data-testid={`sla-target-${kind}-max`} />
          </Form.Item>
          <Form.Item
            name={['targets', kind, 'averageMinutes']}
            label={t('slaPolicies.fields.averageMinutes')}
            extra={t('slaPolicies.averageHelp')}
            dependencies={[['targets', kind, 'maxMinutes']]}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: number | null | undefined) => {
                  const max = getFieldValue(['targets', kind, 'maxMinutes']) as number | null | undefined;
                  if (value && max && value > max) throw new Error(t('shared:validation.sla_average_above_max'));
                },
              }),
            ]}
            style={{ marginBottom: 0 }}
          >
            <DurationInput data-testid={`sla-target-${kind}-average`} />
          </Form.Item>
          <Form.Item name={['targets', kind, 'basis']} label={t('slaPolicies.fields.basis')} extra={t('slaPolicies.basisHelp')} style={{ marginBottom: 0 }}>
            <Radio.Group
              optionType="button"
              options={TIME_BASES.map((value) => ({ value, label: t(`shared:sla.bases.${value}`) }))}
              data-testid={`sla-target-${kind}-basis`}
            />
          </Form.Item>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('slaPolicies.targetOff')}</Typography.Text>
      )}
    </Card>
  );
}

function PolicyPreview() {
  const form = Form.useFormInstance<PolicyFormValues>();
  const calendars = useSlaCalendars();
  const calendarId = Form.useWatch('calendarId', { form, preserve: true }) as number | null | undefined;
  const targetsValue = Form.useWatch('targets', { form, preserve: true }) as PolicyFormValues['targets'] | undefined;
  const targets = useMemo(() => formTargets(targetsValue), [targetsValue]);
  const calendar = calendars.data?.find((candidate) => (calendarId ? candidate.id === calendarId : candidate.isDefault));
  const hasTarget = SLA_TARGET_KINDS.some((kind) => targets[kind] !== null);
  // No calendar named: the server previews with the default calendar, as it will count real orders.
  const request = hasTarget ? { ...(calendarId ? { calendarId } : {}), targets } : null;
  return <SlaPreviewPanel request={request} timeZone={calendar?.timeZone ?? DEFAULT_TIME_ZONE} />;
}

function PolicyEditor({ policy }: { policy: SlaPolicy | undefined }) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PolicyFormValues>();
  const save = useSavePolicyMutation(policy?.id);
  const remove = useDeletePolicyMutation();
  const calendars = useSlaCalendars();
  const categories = useWorkOrderCategories();
  const reportError = useReportError();
  const [initialValues] = useState(() => (policy ? policyToForm(policy) : newPolicyForm()));
  const categoryTree = useMemo(() => buildCategoryTree(categories.data ?? [], { includeInactive: true }), [categories.data]);

  const submit = (values: PolicyFormValues) =>
    save.mutate(formToPolicyInput(values), {
      onSuccess: (saved) => {
        void message.success(t('slaPolicies.saved', { name: saved.name }));
        if (!policy) void navigate(slaPolicyPath(saved.id), { replace: true });
      },
      onError: (error) => reportError(error, form),
    });

  const deletePolicy = () =>
    policy &&
    remove.mutate(policy.id, {
      onSuccess: () => {
        void message.success(t('slaPolicies.deleted', { name: policy.name }));
        void navigate(SLA_POLICIES_PATH);
      },
      onError: (error) => reportError(error),
    });

  const multi = <Value extends string>(values: readonly Value[], label: (value: Value) => string) => values.map((value) => ({ value, label: label(value) }));

  return (
    <PageContainer
      title={policy ? t('slaPolicies.editTitle', { name: policy.name }) : t('slaPolicies.createTitle')}
      description={t('slaPolicies.editorDescription')}
      extra={
        <Link to={SLA_POLICIES_PATH}>
          <Button icon={<ArrowLeftOutlined />}>{t('slaPolicies.back')}</Button>
        </Link>
      }
    >
      <Form<PolicyFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false} onKeyDown={preventImplicitSubmit} data-testid="sla-policy-form">
        <EditorWithPreview
          preview={<PolicyPreview />}
          saving={save.isPending}
          submitTestId="sla-policy-submit"
          deletion={
            policy
              ? {
                  confirmTitle: t('slaPolicies.deleteConfirm', { name: policy.name }),
                  pending: remove.isPending,
                  onConfirm: deletePolicy,
                  testId: 'sla-policy-delete',
                }
              : undefined
          }
        >
          <Card size="small" title={t('slaPolicies.sections.basics')}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('slaPolicies.fields.name')} rules={requiredTextRules(t, t('slaPolicies.nameRequired'), 80)}>
                  <Input maxLength={80} data-testid="sla-policy-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="calendarId" label={t('slaPolicies.fields.calendar')}>
                  <Select<number | null>
                    loading={calendars.isPending}
                    options={[
                      { value: null as number | null, label: t('slaPolicies.defaultCalendar') },
                      ...(calendars.data ?? []).map((calendar) => ({ value: calendar.id as number | null, label: calendar.name })),
                    ]}
                    data-testid="sla-policy-calendar"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={4}>
                <Form.Item name="active" label={t('slaPolicies.fields.active')} valuePropName="checked">
                  <Switch data-testid="sla-policy-active" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('slaPolicies.sections.conditions')}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
              {t('slaPolicies.conditionsHelp')}
            </Typography.Text>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name={['conditions', 'types']} label={t('slaPolicies.fields.types')}>
                  <Select mode="multiple" allowClear placeholder={t('slaPolicies.any')} options={multi(WORK_ORDER_TYPES, (value) => t(`shared:workOrders.types.${value}`))} data-testid="sla-policy-types" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['conditions', 'categoryIds']} label={t('slaPolicies.fields.categories')} extra={t('slaPolicies.categoriesHelp')}>
                  <TreeSelect<number[]>
                    multiple
                    allowClear
                    treeData={categoryTree}
                    loading={categories.isPending}
                    placeholder={t('slaPolicies.any')}
                    treeNodeLabelProp="pathLabel"
                    showSearch={{ treeNodeFilterProp: 'pathLabel' }}
                    treeDefaultExpandAll
                    popupMatchSelectWidth={false}
                    data-testid="sla-policy-categories"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['conditions', 'channels']} label={t('slaPolicies.fields.channels')}>
                  <Select mode="multiple" allowClear placeholder={t('slaPolicies.any')} options={multi(CHANNELS, (value) => t(`shared:workOrders.channels.${value}`))} data-testid="sla-policy-channels" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['conditions', 'tiers']} label={t('slaPolicies.fields.tiers')}>
                  <Select mode="multiple" allowClear placeholder={t('slaPolicies.any')} options={multi(CUSTOMER_TIERS, (value) => t(`shared:customers.tiers.${value}`))} data-testid="sla-policy-tiers" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['conditions', 'priorities']} label={t('slaPolicies.fields.priorities')}>
                  <Select mode="multiple" allowClear placeholder={t('slaPolicies.any')} options={multi(PRIORITIES, (value) => t(`shared:workOrders.priorities.${value}`))} data-testid="sla-policy-priorities" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title={t('slaPolicies.sections.targets')}>
            <Flex vertical gap={12}>
              {SLA_TARGET_KINDS.map((kind) => (
                <TargetEditor key={kind} kind={kind} />
              ))}
            </Flex>
          </Card>

          <Card size="small" title={t('slaPolicies.sections.alerts')}>
            <Flex gap={24} wrap>
              <Form.Item
                name="warnAtPercent"
                label={t('slaPolicies.fields.warnAtPercent')}
                extra={t('slaPolicies.warnHelp')}
                rules={[{ required: true, type: 'number', min: 1, max: 99, message: t('slaPolicies.warnRange') }]}
              >
                <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 120 }} data-testid="sla-policy-warn" />
              </Form.Item>
              <Form.Item name="notifyOutsideHours" label={t('slaPolicies.fields.notifyOutsideHours')} valuePropName="checked" extra={t('slaPolicies.notifyOutsideHelp')}>
                <Switch data-testid="sla-policy-notify-outside" />
              </Form.Item>
            </Flex>
            <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
              {t('slaPolicies.escalationTitle')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
              {t('slaPolicies.escalationHelp')}
            </Typography.Text>
            <Flex gap={16} wrap>
              {SUPERIOR_LEVELS.map((level) => (
                <Form.Item
                  key={level}
                  name={['escalationMinutes', level]}
                  label={t(`shared:sla.levels.${level}`)}
                  rules={[{ required: true, type: 'number', min: 1, message: t('slaPolicies.maxRequired') }]}
                >
                  <DurationInput data-testid={`sla-escalation-${level}`} />
                </Form.Item>
              ))}
            </Flex>
          </Card>
        </EditorWithPreview>
      </Form>
    </PageContainer>
  );
}

/** /admin/sla-policies/new, or /admin/sla-policies/:id (read from the ordered list). */
export function PolicyEditorPage() {
  const policyId = useListItemId();
  const policies = useSlaPolicies({ enabled: policyId !== 'new' });
  return (
    <ListItemRoute itemId={policyId} list={policies}>
      {(policy) => <PolicyEditor key={policy?.id} policy={policy} />}
    </ListItemRoute>
  );
}
