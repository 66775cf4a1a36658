import { App, Button, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Typography, theme } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { DispatchInput, WorkOrder } from '@kefu/contracts';
import { useT } from '../../../i18n/useT';
import { useDispatchMutation } from '../../../api/work-order-detail';
import { requiredTextRules } from '../../../components/form-rules';
import { useReportError } from '../../../components/useReportError';
import { UserSelect } from '../shared/UserSelect';
import { DirectoryDepartmentSelect } from '../shared/DirectoryDepartmentSelect';
import { testIdFor } from './test-ids';

type TargetKind = 'department' | 'user';

interface TargetValues {
  kind: TargetKind;
  departmentId?: number | null;
  userId?: number | null;
  instructions: string;
  dueAt?: Dayjs | null;
}

interface DispatchValues {
  mode: 'sequence' | 'parallel';
  targets: TargetValues[];
}

const MAX_TARGETS = 10;
const INSTRUCTIONS_MAX = 2000;
const DATE_TIME_INPUT_FORMAT = 'YYYY-MM-DD HH:mm';

function toDispatch(values: DispatchValues): DispatchInput {
  return {
    mode: values.mode,
    steps: values.targets.map((target) => ({
      ...(target.kind === 'department' ? { departmentId: target.departmentId ?? undefined } : { userId: target.userId ?? undefined }),
      instructions: target.instructions.trim(),
      dueAt: target.dueAt ? target.dueAt.valueOf() : null,
    })),
  };
}

const emptyTarget = (): TargetValues => ({ kind: 'department', departmentId: null, userId: null, instructions: '', dueAt: null });

/**
 * 派单 (WO-5): one or several departments or people, each with instructions and its own
 * deadline; in sequence each starts when the one before is completed, in parallel all at once.
 * The owner stays the owner.
 */
export function DispatchModal({ open, order, onClose }: { open: boolean; order: WorkOrder; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DispatchValues>();
  const dispatch = useDispatchMutation(order.id);
  const reportError = useReportError();
  const { token } = theme.useToken();
  const targetCount = Form.useWatch((values: DispatchValues) => values.targets?.length ?? 0, form);

  const submit = (values: DispatchValues) =>
    dispatch.mutate(toDispatch(values), {
      onSuccess: () => {
        void message.success(t('workOrder.dispatch.done'));
        onClose();
      },
      onError: (error) => reportError(error, form),
    });

  return (
    <Modal
      open={open}
      width={720}
      title={t('workOrder.dispatch.title', { number: order.number })}
      okText={t('workOrder.dispatch.submit')}
      okButtonProps={{ 'data-testid': 'dispatch-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={dispatch.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workOrder.dispatch.ownerStays', { owner: order.owner.name })}</Typography.Paragraph>
      <Form<DispatchValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ mode: 'sequence', targets: [emptyTarget()] }}>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <div key={field.key} style={{ border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, padding: 12 }} data-testid={testIdFor('dispatch-target', index)}>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{t('workOrder.dispatch.target', { index: index + 1 })}</Typography.Text>
                    {fields.length > 1 && (
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('workOrder.dispatch.removeTarget')} />
                    )}
                  </Flex>
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 8 }}>
                    <Radio.Group
                      optionType="button"
                      size="small"
                      options={[
                        { value: 'department', label: t('workOrder.dispatch.toDepartment') },
                        { value: 'user', label: t('workOrder.dispatch.toUser') },
                      ]}
                      data-testid={testIdFor('dispatch-target-kind', index)}
                    />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} sm={14}>
                      <Form.Item noStyle shouldUpdate={(previous: DispatchValues, next: DispatchValues) => previous.targets?.[index]?.kind !== next.targets?.[index]?.kind}>
                        {({ getFieldValue }) =>
                          getFieldValue(['targets', field.name, 'kind']) === 'user' ? (
                            <Form.Item name={[field.name, 'userId']} label={t('workOrder.dispatch.user')} rules={[{ required: true, message: t('workOrder.dispatch.userRequired') }]}>
                              <UserSelect placeholder={t('workOrder.dispatch.userPlaceholder')} data-testid={testIdFor('dispatch-user', index)} />
                            </Form.Item>
                          ) : (
                            <Form.Item
                              name={[field.name, 'departmentId']}
                              label={t('workOrder.dispatch.department')}
                              rules={[{ required: true, message: t('workOrder.dispatch.departmentRequired') }]}
                            >
                              <DirectoryDepartmentSelect placeholder={t('workOrder.dispatch.departmentPlaceholder')} data-testid={testIdFor('dispatch-department', index)} />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={10}>
                      <Form.Item name={[field.name, 'dueAt']} label={t('workOrder.dispatch.dueAt')} tooltip={t('workOrder.dispatch.dueAtHelp')}>
                        <DatePicker
                          showTime={{ format: 'HH:mm' }}
                          format={DATE_TIME_INPUT_FORMAT}
                          disabledDate={(date) => date.isBefore(dayjs().startOf('day'))}
                          style={{ width: '100%' }}
                          data-testid={testIdFor('dispatch-due', index)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item
                    name={[field.name, 'instructions']}
                    label={t('workOrder.dispatch.instructions')}
                    rules={requiredTextRules(t, t('workOrder.dispatch.instructionsRequired'), INSTRUCTIONS_MAX)}
                    style={{ marginBottom: 0 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      maxLength={INSTRUCTIONS_MAX}
                      placeholder={t('workOrder.dispatch.instructionsPlaceholder')}
                      data-testid={testIdFor('dispatch-instructions', index)}
                    />
                  </Form.Item>
                </div>
              ))}
              {fields.length < MAX_TARGETS && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(emptyTarget())} data-testid="dispatch-add-target">
                  {t('workOrder.dispatch.addTarget')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        {/* Hidden, not left out, with a single target: the form still sends the mode. */}
        <Form.Item name="mode" hidden={targetCount <= 1} label={t('workOrder.dispatch.mode')} extra={t('workOrder.dispatch.modeHelp')} style={{ marginTop: 16, marginBottom: 0 }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'sequence', label: t('shared:workOrders.dispatchModes.sequence') },
                { value: 'parallel', label: t('shared:workOrders.dispatchModes.parallel') },
              ]}
              data-testid="dispatch-mode"
            />
        </Form.Item>
      </Form>
    </Modal>
  );
}
