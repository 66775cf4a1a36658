/*
 * A complaint's page (CMP-1 … CMP-5).
 * Test ids: complaint-page, complaint-level, complaint-severity, complaint-level-history,
 * complaint-level-up, level-reason, level-source, level-submit, complaint-form, complaint-form-severity,
 * complaint-form-department, complaint-form-root-cause, complaint-form-remedy, complaint-form-compensation,
 * complaint-form-seeks, complaint-form-submit, complaint-satisfaction, satisfaction-value, satisfaction-note,
 * satisfaction-submit, complaint-case-article, case-title, case-body, case-submit, complaint-repeat-of.
 */
import { useMemo } from 'react';
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, BookOutlined, RiseOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import {
  COMPLAINT_LEVELS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_SOURCES,
  CUSTOMER_SEEKS,
  OPEN_STATUSES,
  ROOT_CAUSES,
  SATISFACTION_LEVELS,
  type Complaint,
  type ComplaintSeverity,
  type ComplaintSource,
  type CustomerSeeks,
  type RootCause,
  type SatisfactionLevel,
} from '@kefu/contracts';
import { useT } from '../../i18n/useT';
import { isApiError } from '../../api/client';
import { useCaseArticleMutation, useComplaint, useLevelUpMutation, useSatisfactionMutation, useUpdateComplaintMutation } from '../../api/complaints';
import { useAuth } from '../../app/auth-context';
import { COMPLAINTS_PATH, complaintPath, customerPath, workOrderPath } from '../../app/navigation';
import { DateTimeText } from '../../components/DateTimeText';
import { PageContainer } from '../../components/PageContainer';
import { LoadFailedResult, NotFoundResult, SectionLoading } from '../../components/StatusResults';
import { requiredTextRules } from '../../components/form-rules';
import { useOverlayState } from '../../components/useOverlayState';
import { useReportError } from '../../components/useReportError';
import { currentLocale } from '../../i18n';
import { DirectoryDepartmentSelect } from '../work-orders/shared/DirectoryDepartmentSelect';
import { StatusTag } from '../work-orders/shared/WorkOrderTags';
import { LevelTag, SeverityTag } from './ComplaintTags';
import { fenToYuan, formatYuan, yuanToFen } from './money';

const REMEDY_MAX = 2000;
const MAX_COMPENSATION_YUAN = 1_000_000;

interface HandlingValues {
  severity: ComplaintSeverity;
  responsibleDepartmentId: number | null;
  rootCause: RootCause | null;
  remedy: string;
  compensationYuan: number | null;
  customerSeeks: CustomerSeeks;
}

/** Severity, responsible department, root cause, remedy and compensation (CMP-3). */
function HandlingCard({ complaint, editable }: { complaint: Complaint; editable: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<HandlingValues>();
  const update = useUpdateComplaintMutation(complaint.id);
  const reportError = useReportError();
  const initialValues = useMemo<HandlingValues>(
    () => ({
      severity: complaint.severity,
      responsibleDepartmentId: complaint.responsibleDepartment?.id ?? null,
      rootCause: complaint.rootCause,
      remedy: complaint.remedy ?? '',
      compensationYuan: fenToYuan(complaint.compensationFen),
      customerSeeks: complaint.customerSeeks,
    }),
    [complaint],
  );

  const submit = (values: HandlingValues) =>
    update.mutate(
      {
        severity: values.severity,
        responsibleDepartmentId: values.responsibleDepartmentId ?? null,
        rootCause: values.rootCause ?? null,
        remedy: values.remedy.trim() === '' ? null : values.remedy.trim(),
        compensationFen: yuanToFen(values.compensationYuan ?? 0),
        customerSeeks: values.customerSeeks,
      },
      {
        onSuccess: () => void message.success(t('complaints.page.saved')),
        onError: (error) => reportError(error, form, { 'complaint.department_invalid': 'responsibleDepartmentId' }),
      },
    );

  return (
    <Card size="small" title={t('complaints.page.handling')}>
      <Form<HandlingValues> key={complaint.updatedAt} form={form} layout="vertical" initialValues={initialValues} onFinish={submit} disabled={!editable} data-testid="complaint-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="severity" label={t('complaints.fields.severity')} extra={complaint.severityReasons.length > 0 ? t('complaints.page.severityReasons', { reasons: complaint.severityReasons.map((reason) => t(`shared:complaints.severityReasons.${reason}`)).join(t('complaints.listSeparator')) }) : undefined}>
              <Radio.Group optionType="button" options={COMPLAINT_SEVERITIES.map((value) => ({ value, label: t(`shared:complaints.severities.${value}`) }))} data-testid="complaint-form-severity" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="responsibleDepartmentId" label={t('complaints.fields.responsibleDepartment')}>
              <DirectoryDepartmentSelect allowClear placeholder={t('complaints.page.departmentPlaceholder')} style={{ width: '100%' }} data-testid="complaint-form-department" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="customerSeeks" label={t('complaints.fields.customerSeeks')}>
              <Select options={CUSTOMER_SEEKS.map((value) => ({ value, label: t(`shared:complaints.seeks.${value}`) }))} data-testid="complaint-form-seeks" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="rootCause" label={t('complaints.fields.rootCause')}>
              <Select allowClear placeholder={t('complaints.page.rootCausePlaceholder')} options={ROOT_CAUSES.map((value) => ({ value, label: t(`shared:complaints.rootCauses.${value}`) }))} data-testid="complaint-form-root-cause" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="compensationYuan" label={t('complaints.fields.compensation')} extra={t('complaints.page.compensationHelp')}>
              <InputNumber<number> min={0} max={MAX_COMPENSATION_YUAN} precision={2} step={10} prefix="¥" style={{ width: '100%' }} data-testid="complaint-form-compensation" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="remedy" label={t('complaints.fields.remedy')} rules={[{ max: REMEDY_MAX, message: t('shared:validation.too_big_string', { maximum: REMEDY_MAX }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={REMEDY_MAX} showCount placeholder={t('complaints.page.remedyPlaceholder')} data-testid="complaint-form-remedy" />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="complaint-form-submit">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function LevelHistory({ complaint }: { complaint: Complaint }) {
  const { t } = useT();
  return (
    <Timeline
      data-testid="complaint-level-history"
      items={complaint.levelHistory.map((entry, index) => ({
        key: `${entry.level}-${entry.at}-${index}`,
        color: entry.level === 'appeal' ? 'red' : entry.level === 'escalated' ? 'orange' : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Flex gap={6} align="center" wrap>
              <Typography.Text strong>{t(`shared:complaints.levels.${entry.level}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <DateTimeText value={entry.at} />
                {entry.by && ` · ${entry.by.name}`}
              </Typography.Text>
            </Flex>
            {entry.reason && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{entry.reason}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

/** 投诉 → 升级投诉 → 申诉 (CMP-1), with the reason and, for an appeal, often a new source. */
function LevelUpModal({ complaint, open, onClose }: { complaint: Complaint; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; source?: ComplaintSource }>();
  const levelUp = useLevelUpMutation(complaint.id);
  const reportError = useReportError();
  const next = COMPLAINT_LEVELS[COMPLAINT_LEVELS.indexOf(complaint.level) + 1];
  if (!next) return null;
  const submit = (values: { reason: string; source?: ComplaintSource }) =>
    levelUp.mutate(
      { reason: values.reason.trim(), ...(values.source && values.source !== complaint.source ? { source: values.source } : {}) },
      {
        onSuccess: () => {
          void message.success(t('complaints.levelUp.done', { level: t(`shared:complaints.levels.${next}`) }));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );
  return (
    <Modal
      open={open}
      title={t('complaints.levelUp.title', { level: t(`shared:complaints.levels.${next}`) })}
      okText={t('complaints.levelUp.submit')}
      okButtonProps={{ 'data-testid': 'level-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={levelUp.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`complaints.levelUp.help.${next === 'appeal' ? 'appeal' : 'escalated'}`)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ source: complaint.source }}>
        <Form.Item name="reason" label={t('complaints.levelUp.reason')} rules={requiredTextRules(t, t('complaints.levelUp.reasonRequired'), 1000)}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount data-testid="level-reason" />
        </Form.Item>
        <Form.Item name="source" label={t('complaints.fields.source')} extra={t('complaints.levelUp.sourceHelp')}>
          <Select options={COMPLAINT_SOURCES.map((value) => ({ value, label: t(`shared:complaints.sources.${value}`) }))} data-testid="level-source" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** CMP-5: the resolved case as a draft 统一答复口径 for the knowledge base. */
function CaseArticleModal({ complaint, open, onClose }: { complaint: Complaint; open: boolean; onClose: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const make = useCaseArticleMutation(complaint.id);
  const reportError = useReportError();
  const suggestedBody = [complaint.order.title, complaint.remedy ?? ''].filter(Boolean).join('\n\n');
  const submit = (values: { title: string; body: string }) =>
    make.mutate(
      { title: values.title.trim(), body: values.body.trim() },
      {
        onSuccess: () => {
          void message.success(t('complaints.caseArticle.done'));
          onClose();
        },
        onError: (error) => reportError(error, form),
      },
    );
  return (
    <Modal
      open={open}
      width={680}
      title={t('complaints.caseArticle.title')}
      okText={t('complaints.caseArticle.submit')}
      okButtonProps={{ 'data-testid': 'case-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={make.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('complaints.caseArticle.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ title: complaint.order.title, body: suggestedBody }}>
        <Form.Item name="title" label={t('complaints.caseArticle.articleTitle')} rules={requiredTextRules(t, t('complaints.caseArticle.titleRequired'), 120)}>
          <Input maxLength={120} showCount data-testid="case-title" />
        </Form.Item>
        <Form.Item name="body" label={t('complaints.caseArticle.body')} extra={t('complaints.caseArticle.bodyHelp')} rules={requiredTextRules(t, t('complaints.caseArticle.bodyRequired'), 20_000)}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20_000} data-testid="case-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 满意度 at close (CMP-3): recorded once the order is resolved. */
function SatisfactionCard({ complaint, editable }: { complaint: Complaint; editable: boolean }) {
  const { t } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ satisfaction: SatisfactionLevel; note?: string }>();
  const record = useSatisfactionMutation(complaint.id);
  const reportError = useReportError();
  const resolved = !OPEN_STATUSES.includes(complaint.order.status);
  const submit = (values: { satisfaction: SatisfactionLevel; note?: string }) =>
    record.mutate(
      { satisfaction: values.satisfaction, ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
      {
        onSuccess: () => void message.success(t('complaints.satisfaction.done')),
        onError: (error) => reportError(error, form),
      },
    );
  return (
    <Card size="small" title={t('complaints.satisfaction.title')} data-testid="complaint-satisfaction">
      {complaint.satisfaction !== null ? (
        <Flex vertical gap={4}>
          <Tag color={complaint.satisfaction === 'dissatisfied' ? 'red' : 'green'} style={{ alignSelf: 'flex-start' }}>
            {t(`shared:complaints.satisfaction.${complaint.satisfaction}`)}
          </Tag>
          {complaint.satisfactionNote && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{complaint.satisfactionNote}</Typography.Text>}
        </Flex>
      ) : !resolved ? (
        <Typography.Text type="secondary">{t('complaints.satisfaction.notYet')}</Typography.Text>
      ) : editable ? (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="satisfaction" rules={[{ required: true, message: t('complaints.satisfaction.required') }]}>
            <Radio.Group optionType="button" options={SATISFACTION_LEVELS.map((value) => ({ value, label: t(`shared:complaints.satisfaction.${value}`) }))} data-testid="satisfaction-value" />
          </Form.Item>
          <Form.Item name="note" label={t('complaints.satisfaction.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} data-testid="satisfaction-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="satisfaction-submit">
            {t('complaints.satisfaction.submit')}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">-</Typography.Text>
      )}
    </Card>
  );
}

type ComplaintDialog = 'level' | 'case';

function ComplaintDetail({ id }: { id: number }) {
  const { t } = useT();
  const { can } = useAuth();
  const query = useComplaint(id);
  const dialog = useOverlayState<ComplaintDialog>();
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFoundResult />;
    return <LoadFailedResult error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!query.data) return <SectionLoading />;
  const complaint = query.data;
  const editable = can('complaints.manage');
  const resolved = !OPEN_STATUSES.includes(complaint.order.status);
  const canLevelUp = editable && complaint.level !== 'appeal';

  return (
    <PageContainer
      title={complaint.order.title}
      description={
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
          <Link to={workOrderPath(complaint.order.id)} data-testid="complaint-order-link">
            {complaint.order.number}
          </Link>
          <StatusTag status={complaint.order.status} />
          <LevelTag level={complaint.level} />
          <SeverityTag severity={complaint.severity} />
        </Flex>
      }
      extra={
        <>
          <Link to={COMPLAINTS_PATH}>
            <Button icon={<ArrowLeftOutlined />}>{t('complaints.page.back')}</Button>
          </Link>
          {canLevelUp && (
            <Button icon={<RiseOutlined />} onClick={() => dialog.show('level')} data-testid="complaint-level-up">
              {t('complaints.levelUp.open', { level: t(`shared:complaints.levels.${COMPLAINT_LEVELS[COMPLAINT_LEVELS.indexOf(complaint.level) + 1] ?? 'appeal'}`) })}
            </Button>
          )}
          {editable && complaint.caseArticle === null && (
            <Button icon={<BookOutlined />} disabled={!resolved} title={resolved ? undefined : t('complaints.caseArticle.needsResolved')} onClick={() => dialog.show('case')} data-testid="complaint-case-article">
              {t('complaints.caseArticle.open')}
            </Button>
          )}
        </>
      }
    >
      <Row gutter={[16, 16]} data-testid="complaint-page">
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'customer', label: t('complaints.fields.customer'), children: complaint.customer ? <Link to={customerPath(complaint.customer.id)}>{complaint.customer.name}</Link> : '-' },
                  { key: 'source', label: t('complaints.fields.source'), children: t(`shared:complaints.sources.${complaint.source}`) },
                  { key: 'due', label: t('complaints.fields.levelDueAt'), children: <DateTimeText value={complaint.levelDueAt} /> },
                  { key: 'created', label: t('complaints.columns.createdAt'), children: <DateTimeText value={complaint.createdAt} /> },
                  {
                    key: 'repeat',
                    label: t('complaints.fields.repeatOf'),
                    children: complaint.repeatOf ? (
                      <Flex gap={6} align="center">
                        <Link to={complaintPath(complaint.repeatOf.id)} data-testid="complaint-repeat-of">
                          {complaint.repeatOf.orderNumber}
                        </Link>
                        <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                          {t('complaints.page.repeatCount', { count: complaint.repeatCount })}
                        </Tag>
                      </Flex>
                    ) : (
                      '-'
                    ),
                  },
                  { key: 'compensation', label: t('complaints.fields.compensation'), children: formatYuan(complaint.compensationFen, currentLocale()) },
                  {
                    key: 'case',
                    label: t('complaints.fields.caseArticle'),
                    children: complaint.caseArticle ? <span data-testid="complaint-case-title">{complaint.caseArticle.title}</span> : '-',
                  },
                ]}
              />
            </Card>
            <HandlingCard complaint={complaint} editable={editable} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('complaints.page.levelHistory')}>
              <LevelHistory complaint={complaint} />
            </Card>
            <SatisfactionCard complaint={complaint} editable={editable} />
          </Flex>
        </Col>
      </Row>
      {dialog.payload === 'level' && <LevelUpModal key={dialog.key} complaint={complaint} open={dialog.open} onClose={dialog.hide} />}
      {dialog.payload === 'case' && <CaseArticleModal key={dialog.key} complaint={complaint} open={dialog.open} onClose={dialog.hide} />}
    </PageContainer>
  );
}

export function ComplaintPage() {
  const { id } = useParams();
  const complaintId = Number(id);
  if (!Number.isInteger(complaintId) || complaintId <= 0) return <NotFoundResult />;
  return <ComplaintDetail key={complaintId} id={complaintId} />;
}
