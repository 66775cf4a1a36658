import { useMemo } from 'react';
import { App, Button, Divider, Flex, Form, Input, InputNumber, Typography, type FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { WorkOrderSettings } from '@kefu/contracts';
import { useT, type AppT } from '../../../i18n/useT';
import { useUpdateWorkOrderSettingsMutation } from '../../../api/work-order-admin';
import { useWorkOrderSettings } from '../../../api/work-orders';
import { SettingsPageLayout } from '../../../components/SettingsPageLayout';
import { useReportError } from '../../../components/useReportError';
import { NUMBER_PREFIX_PATTERN, normalizePrefix, numberExample, overridesToRows, rowsToOverrides, type ThresholdOverrideRow } from './settings-form';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';

const MAX_BACKLOG_HOURS = 24 * 90;
const MAX_BREACHING_HOURS = 24 * 30;

interface SettingsFormValues {
  numberPrefix: string;
  reopenWindowDays: number;
  backlogThresholdHours: number;
  overrides: ThresholdOverrideRow[];
  breachingWindowHours: number;
  defaultAgentCapacity: number;
}

function rangeRules(t: AppT, min: number, max: number): FormRule[] {
  return [
    { required: true, message: t('woSettings.required') },
    { type: 'number', min, message: t('shared:validation.too_small_number', { minimum: min }) },
    { type: 'number', max, message: t('shared:validation.too_big_number', { maximum: max }) },
  ];
}

function toFormValues(settings: WorkOrderSettings): SettingsFormValues {
  const { backlogThresholdByDepartment, ...rest } = settings;
  return { ...rest, overrides: overridesToRows(backlogThresholdByDepartment) };
}

function OverrideRows() {
  const { t } = useT();
  const form = Form.useFormInstance<SettingsFormValues>();
  const rows = Form.useWatch('overrides', form);
  return (
    <Form.List name="overrides">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => {
            // A team listed in another row cannot be chosen again.
            const takenElsewhere = new Set(
              (rows ?? []).filter((_, index) => index !== field.name).map((row) => row?.departmentId ?? 0),
            );
            return (
              <Flex key={field.key} gap={8} align="flex-start" data-testid={`wo-settings-override-${field.name}`}>
                <Form.Item
                  name={[field.name, 'departmentId']}
                  rules={[{ required: true, message: t('woSettings.overrideTeamRequired') }]}
                  style={{ marginBottom: 0, width: 320 }}
                >
                  <DirectoryDepartmentSelect
                    placeholder={t('woSettings.overrideTeam')}
                    disabledIds={takenElsewhere}
                    data-testid={`wo-settings-override-team-${field.name}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'hours']} rules={rangeRules(t, 1, MAX_BACKLOG_HOURS)} style={{ marginBottom: 0 }}>
                  <InputNumber
                    min={1}
                    max={MAX_BACKLOG_HOURS}
                    precision={0}
                    suffix={t('woSettings.hoursUnit')}
                    style={{ width: 150 }}
                    data-testid={`wo-settings-override-hours-${field.name}`}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('woSettings.removeOverride')}
                  onClick={() => remove(field.name)}
                  data-testid={`wo-settings-override-remove-${field.name}`}
                />
              </Flex>
            );
          })}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ departmentId: null, hours: null })} data-testid="wo-settings-override-add">
              {t('woSettings.addOverride')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

function SettingsForm({ settings }: { settings: WorkOrderSettings }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsFormValues>();
  const update = useUpdateWorkOrderSettingsMutation();
  const reportError = useReportError();
  const initialValues = useMemo(() => toFormValues(settings), [settings]);
  const prefix = Form.useWatch('numberPrefix', form) ?? settings.numberPrefix;
  const example = NUMBER_PREFIX_PATTERN.test(prefix) ? numberExample(prefix, new Date()) : undefined;

  const submit = ({ overrides, ...values }: SettingsFormValues) =>
    update.mutate(
      { ...values, backlogThresholdByDepartment: rowsToOverrides(overrides) },
      {
        onSuccess: (saved) => {
          form.setFieldsValue(toFormValues(saved));
          void message.success(t('woSettings.saved'));
        },
        onError: (error) => reportError(error, form, { 'validation.number_prefix': 'numberPrefix' }),
      },
    );

  return (
    <Form<SettingsFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} style={{ maxWidth: 720 }}>
      <Typography.Title level={5}>{t('woSettings.numberingSection')}</Typography.Title>
      <Form.Item
        name="numberPrefix"
        label={t('woSettings.fields.numberPrefix')}
        normalize={(value: string) => normalizePrefix(value ?? '')}
        rules={[
          { required: true, message: t('woSettings.required') },
          { pattern: NUMBER_PREFIX_PATTERN, message: t('shared:validation.number_prefix') },
        ]}
        extra={
          example ? (
            <span data-testid="wo-settings-number-example">
              {t('woSettings.numberExample')} <Typography.Text code>{example}</Typography.Text>
            </span>
          ) : (
            t('woSettings.numberPrefixHelp')
          )
        }
      >
        <Input maxLength={6} style={{ width: 160 }} autoComplete="off" data-testid="wo-settings-number-prefix" />
      </Form.Item>
      <Form.Item name="reopenWindowDays" label={t('woSettings.fields.reopenWindowDays')} extra={t('woSettings.reopenWindowHelp')} rules={rangeRules(t, 0, 365)}>
        <InputNumber min={0} max={365} precision={0} suffix={t('woSettings.daysUnit')} style={{ width: 160 }} data-testid="wo-settings-reopen-days" />
      </Form.Item>

      <Divider />
      <Typography.Title level={5}>{t('woSettings.backlogSection')}</Typography.Title>
      <Form.Item
        name="backlogThresholdHours"
        label={t('woSettings.fields.backlogThresholdHours')}
        extra={t('woSettings.backlogThresholdHelp')}
        rules={rangeRules(t, 1, MAX_BACKLOG_HOURS)}
      >
        <InputNumber min={1} max={MAX_BACKLOG_HOURS} precision={0} suffix={t('woSettings.hoursUnit')} style={{ width: 160 }} data-testid="wo-settings-backlog-hours" />
      </Form.Item>
      <Form.Item label={t('woSettings.fields.overrides')} extra={t('woSettings.overridesHelp')}>
        <OverrideRows />
      </Form.Item>
      <Form.Item
        name="breachingWindowHours"
        label={t('woSettings.fields.breachingWindowHours')}
        extra={t('woSettings.breachingWindowHelp')}
        rules={rangeRules(t, 1, MAX_BREACHING_HOURS)}
      >
        <InputNumber min={1} max={MAX_BREACHING_HOURS} precision={0} suffix={t('woSettings.hoursUnit')} style={{ width: 160 }} data-testid="wo-settings-breaching-hours" />
      </Form.Item>

      <Divider />
      <Typography.Title level={5}>{t('woSettings.assignmentSection')}</Typography.Title>
      <Form.Item
        name="defaultAgentCapacity"
        label={t('woSettings.fields.defaultAgentCapacity')}
        extra={t('woSettings.defaultAgentCapacityHelp')}
        rules={rangeRules(t, 1, 1000)}
      >
        <InputNumber min={1} max={1000} precision={0} suffix={t('woSettings.ordersUnit')} style={{ width: 160 }} data-testid="wo-settings-agent-capacity" />
      </Form.Item>

      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="wo-settings-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** 工单设置: numbering, reopening, backlog thresholds and agents' default capacity. */
export function WorkOrderSettingsPage() {
  const { t } = useT();
  const settings = useWorkOrderSettings();
  return (
    <SettingsPageLayout title={t('nav.workOrderSettings')} description={t('woSettings.description')} settings={settings}>
      {(data) => <SettingsForm settings={data} />}
    </SettingsPageLayout>
  );
}
