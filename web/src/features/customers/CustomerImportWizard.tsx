import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Flex, Modal, Progress, Result, Spin, Steps, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CUSTOMER_COLUMNS,
  CUSTOMER_TIERS,
  CUSTOMER_TYPES,
  type CustomerColumn,
  type CustomerImport,
  type CustomerTier,
  type CustomerType,
  type ImportRowError,
} from '@kefu/contracts';
import { useT, type AppT } from '../../i18n/useT';
import { isApiError } from '../../api/client';
import {
  useCommitCustomerImportMutation,
  useCustomerImport,
  useInvalidateCustomerLists,
  useUploadCustomerImportMutation,
} from '../../api/customers';
import { TierTag, TypeTag } from './CustomerTags';
import { customerImportTemplate } from './customer-import-template';
import { downloadBlob } from './downloadJson';

const ACCEPTED_FILES = '.csv,.xlsx';
const ERRORS_PAGE_SIZE = 10;
const STEP_FILE = 0;
const STEP_CHECK = 1;
const STEP_COMMIT = 2;

type PreviewRow = CustomerImport['preview'][number];

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function columnLabel(t: AppT, field: string): string {
  if (isOneOf<CustomerColumn>(CUSTOMER_COLUMNS, field)) return t(`shared:customers.columns.${field}`);
  return field === '' ? t('customers.import.wholeRow') : field;
}

function errorMessage(t: AppT, error: unknown): string {
  return isApiError(error) ? error.message : t('common.unexpectedError');
}

interface CustomerImportWizardProps {
  open: boolean;
  onClose: () => void;
}

/**
 * CUS-6 import: choose a CSV or .xlsx file, see every bad row (nothing is written while
 * any remain), then commit the clean file and follow its progress.
 */
export function CustomerImportWizard({ open, onClose }: CustomerImportWizardProps) {
  const { t } = useT();
  const upload = useUploadCustomerImportMutation();
  const commit = useCommitCustomerImportMutation();
  const invalidateLists = useInvalidateCustomerLists();
  const [checked, setChecked] = useState<CustomerImport>();
  const progress = useCustomerImport(commit.data?.id, commit.data);
  const job = progress.data ?? commit.data;
  const step = job ? STEP_COMMIT : checked ? STEP_CHECK : STEP_FILE;

  // The new customers become visible all at once, when the import is committed.
  useEffect(() => {
    if (job?.status === 'committed') void invalidateLists();
  }, [job?.status, invalidateLists]);

  /** Uploads at once and keeps the file out of antd's own upload list. */
  const choose = (file: File) => {
    commit.reset();
    // A file that cannot be read at all goes back to the first step, with the reason shown there.
    upload.mutate(file, { onSuccess: (result) => setChecked(result), onError: () => setChecked(undefined) });
    return false;
  };

  const startOver = () => {
    commit.reset();
    upload.reset();
    setChecked(undefined);
  };

  const downloadTemplate = () =>
    downloadBlob(t('customers.import.templateFileName'), new Blob([customerImportTemplate(t)], { type: 'text/csv;charset=utf-8' }));

  const committing = job?.status === 'committing';
  const footer =
    step === STEP_FILE
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>,
        ]
      : step === STEP_CHECK
        ? [
            <Button key="cancel" onClick={onClose}>
              {t('common.cancel')}
            </Button>,
            <Button
              key="commit"
              type="primary"
              disabled={!checked || checked.errorCount > 0 || upload.isPending}
              loading={commit.isPending}
              onClick={() => checked && commit.mutate(checked.id)}
              data-testid="customer-import-commit"
            >
              {t('customers.import.commit')}
            </Button>,
          ]
        : committing
          ? [
              <Button key="close" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]
          : null;

  return (
    <Modal
      open={open}
      title={t('customers.import.title')}
      width={920}
      onCancel={onClose}
      footer={footer}
      maskClosable={false}
      destroyOnHidden
    >
      <div data-testid="customer-import-wizard">
        <Steps
          current={step}
          status={step === STEP_CHECK && checked && checked.errorCount > 0 ? 'error' : job?.status === 'failed' ? 'error' : undefined}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('customers.import.steps.file') },
            { title: t('customers.import.steps.check') },
            { title: t('customers.import.steps.commit') },
          ]}
        />
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            title={t('customers.import.uploadFailed')}
            description={errorMessage(t, upload.error)}
            style={{ marginBottom: 16 }}
            data-testid="customer-import-upload-error"
          />
        )}
        {step === STEP_FILE && (
          <Spin spinning={upload.isPending} description={t('customers.import.uploading')}>
            <Flex vertical gap={16}>
              <Upload.Dragger accept={ACCEPTED_FILES} beforeUpload={choose} showUploadList={false} maxCount={1} disabled={upload.isPending}>
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('customers.import.fileHint')}</p>
                <p className="ant-upload-hint">{t('customers.import.fileHelp')}</p>
              </Upload.Dragger>
              <Flex align="center" gap={8} wrap>
                <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="customer-import-template">
                  {t('customers.import.template')}
                </Button>
                <Typography.Text type="secondary">{t('customers.import.templateHelp')}</Typography.Text>
              </Flex>
            </Flex>
          </Spin>
        )}
        {step === STEP_CHECK && checked && (
          <CheckStep checked={checked} onChoose={choose} uploading={upload.isPending} commitError={commit.isError ? commit.error : undefined} />
        )}
        {step === STEP_COMMIT && job && <CommitStep job={job} onDone={onClose} onStartOver={startOver} />}
      </div>
    </Modal>
  );
}

function CheckStep({
  checked,
  onChoose,
  uploading,
  commitError,
}: {
  checked: CustomerImport;
  onChoose: (file: File) => boolean;
  uploading: boolean;
  commitError: unknown;
}) {
  const { t } = useT();
  const hasErrors = checked.errorCount > 0;
  const errors = checked.errors.map((error, index) => ({ ...error, key: index }));

  const errorColumns: TableColumnsType<ImportRowError & { key: number }> = [
    { title: t('customers.import.errorColumns.row'), dataIndex: 'row', width: 90 },
    { title: t('customers.import.errorColumns.field'), dataIndex: 'field', width: 150, render: (field: string) => columnLabel(t, field) },
    { title: t('customers.import.errorColumns.message'), dataIndex: 'message' },
  ];
  const previewColumns: TableColumnsType<PreviewRow & { key: number }> = [
    { title: t('shared:customers.columns.name'), dataIndex: 'name', width: 160 },
    {
      title: t('shared:customers.columns.type'),
      dataIndex: 'type',
      width: 100,
      render: (value: string) => (isOneOf<CustomerType>(CUSTOMER_TYPES, value) ? <TypeTag type={value} /> : value),
    },
    {
      title: t('shared:customers.columns.tier'),
      dataIndex: 'tier',
      width: 100,
      render: (value: string) => (isOneOf<CustomerTier>(CUSTOMER_TIERS, value) ? <TierTag tier={value} /> : value),
    },
    { title: t('shared:customers.columns.phones'), dataIndex: 'phones', render: (phones: string[]) => phones.join(t('customers.listSeparator')) },
    { title: t('shared:customers.columns.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.join(t('customers.listSeparator')) },
  ];

  return (
    <Spin spinning={uploading} description={t('customers.import.uploading')}>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Descriptions
            size="small"
            column={3}
            style={{ flex: 1, minWidth: 420 }}
            data-testid="customer-import-summary"
            items={[
              { key: 'file', label: t('customers.import.fileName'), children: checked.fileName },
              { key: 'rows', label: t('customers.import.totalRows'), children: checked.totalRows },
              {
                key: 'errors',
                label: t('customers.import.errorCount'),
                children: <Typography.Text type={hasErrors ? 'danger' : 'success'}>{checked.errorCount}</Typography.Text>,
              },
            ]}
          />
          <Upload accept={ACCEPTED_FILES} beforeUpload={onChoose} showUploadList={false} maxCount={1} disabled={uploading}>
            <Button icon={<UploadOutlined />} type={hasErrors ? 'primary' : 'default'} data-testid="customer-import-reupload">
              {t('customers.import.reupload')}
            </Button>
          </Upload>
        </Flex>
        {hasErrors ? (
          <Alert
            type="error"
            showIcon
            title={t('customers.import.hasErrorsTitle')}
            description={t('customers.import.hasErrors', { count: checked.errorCount })}
            data-testid="customer-import-has-errors"
          />
        ) : (
          <Alert type="success" showIcon title={t('customers.import.cleanTitle')} description={t('customers.import.clean', { count: checked.totalRows })} />
        )}
        {commitError !== undefined && (
          <Alert type="error" showIcon title={t('customers.import.commitFailed')} description={errorMessage(t, commitError)} />
        )}
        {errors.length > 0 && (
          <div data-testid="customer-import-errors">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('customers.import.errorsTitle')}
            </Typography.Title>
            {/* The server keeps the first 1,000 row errors; the count covers all of them. */}
            {errors.length < checked.errorCount && (
              <Typography.Paragraph type="secondary">{t('customers.import.errorsTruncated', { shown: errors.length })}</Typography.Paragraph>
            )}
            <Table
              size="small"
              columns={errorColumns}
              dataSource={errors}
              pagination={{
                pageSize: ERRORS_PAGE_SIZE,
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: (total) => t('common.total', { total }),
              }}
            />
          </div>
        )}
        {checked.preview.length > 0 && (
          <div data-testid="customer-import-preview">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {checked.preview.length < checked.totalRows
                ? t('customers.import.previewTitle', { count: checked.preview.length })
                : t('customers.import.previewAllTitle')}
            </Typography.Title>
            <Table
              size="small"
              columns={previewColumns}
              dataSource={checked.preview.map((row, index) => ({ ...row, key: index }))}
              pagination={false}
              scroll={{ y: 320 }}
            />
          </div>
        )}
      </Flex>
    </Spin>
  );
}

function CommitStep({ job, onDone, onStartOver }: { job: CustomerImport; onDone: () => void; onStartOver: () => void }) {
  const { t } = useT();
  if (job.status === 'committed') {
    return (
      <Result
        status="success"
        title={t('customers.import.doneTitle')}
        subTitle={t('customers.import.done', { count: job.processed || job.totalRows })}
        data-testid="customer-import-done"
        extra={
          <Button type="primary" onClick={onDone} data-testid="customer-import-back">
            {t('customers.import.backToList')}
          </Button>
        }
      />
    );
  }
  if (job.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('customers.import.failedTitle')}
        subTitle={t('customers.import.failed')}
        extra={<Button onClick={onStartOver}>{t('customers.import.startOver')}</Button>}
      />
    );
  }
  const percent = job.totalRows > 0 ? Math.floor((job.processed * 100) / job.totalRows) : 0;
  return (
    <Flex vertical gap={12} style={{ padding: '24px 0' }} data-testid="customer-import-progress">
      <Typography.Text strong>{t('customers.import.committing')}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary">{t('customers.import.progress', { processed: job.processed, total: job.totalRows })}</Typography.Text>
      <Typography.Text type="secondary">{t('customers.import.backgroundHint')}</Typography.Text>
    </Flex>
  );
}
